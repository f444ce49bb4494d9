using QkdScheduler.Links.Weather;

namespace QkdScheduler.Links.Tests.Weather;

public sealed class CloudLossTests
{
    // Seed 000 eq. 3, Λ_C = −10 log10((150 − α)/150):
    //   α = 0:   −10 log10(1) = 0 dB;  α = 75: −10 log10(0.5) = 3.0103 dB;  α = 149: −10 log10(1/150) = 21.7609 dB.
    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(75, 3.0103)]
    [InlineData(149, 21.7609)]
    public void Eq3_at_clear_half_and_nearly_overcast(int alpha, double expectedDb) =>
        Assert.Equal(expectedDb, CloudLoss.FromIndexDb(alpha), 4);

    [Fact]
    public void Overcast_blocks_the_link() => Assert.Equal(double.PositiveInfinity, CloudLoss.FromIndexDb(150));

    [Theory]
    [InlineData(-1)]
    [InlineData(151)]
    [InlineData(double.NaN)]
    public void Rejects_indices_outside_0_to_150(double alpha) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CloudLoss.FromIndexDb(alpha));
}
