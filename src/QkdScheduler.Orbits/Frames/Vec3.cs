namespace QkdScheduler.Orbits.Frames;

/// <summary>A 3-vector of doubles (System.Numerics.Vector3 is single precision, too coarse for orbits).</summary>
public readonly record struct Vec3(double X, double Y, double Z)
{
    public double Norm => Math.Sqrt(X * X + Y * Y + Z * Z);
    public static Vec3 operator +(Vec3 a, Vec3 b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);
    public static Vec3 operator -(Vec3 a, Vec3 b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);
    public static Vec3 operator *(double s, Vec3 a) => new(s * a.X, s * a.Y, s * a.Z);
    public static double Dot(Vec3 a, Vec3 b) => a.X * b.X + a.Y * b.Y + a.Z * b.Z;
}
