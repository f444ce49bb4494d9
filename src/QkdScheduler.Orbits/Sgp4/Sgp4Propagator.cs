using QkdScheduler.Orbits.Frames;
using QkdScheduler.Orbits.Time;

namespace QkdScheduler.Orbits.Sgp4;

/// <summary>
/// SGP4 / SDP4 propagator written from Vallado, Crawford, Hujsak, Kelso, "Revisiting Spacetrack
/// Report #3", AIAA 2006-6753 (hereafter R-STR#3), itself the corrected form of Hoots &amp;
/// Roehrich, Spacetrack Report #3 (1980). Improved operation mode ('i'): GMST from the IAU-82
/// model, no AFSPC-compatibility quirks. Outputs are position (km) and velocity (km/s) in the
/// TEME frame. Section references below are to R-STR#3 and its appendix listing of the routines
/// <c>initl</c>, <c>sgp4init</c>, <c>sgp4</c> (near Earth) and <c>dscom</c>, <c>dpper</c>,
/// <c>dsinit</c>, <c>dspace</c> (deep space, in <see cref="DeepSpace"/>).
///
/// Not thread-safe: deep-space resonant orbits keep the state of the resonance integrator
/// between calls (as the reference does); results do not depend on the call history because the
/// integrator always steps on the same 720-minute grid from epoch. Create one propagator per thread.
/// </summary>
public sealed class Sgp4Propagator
{
    private const double TwoPi = 2 * Math.PI;
    private const double X2o3 = 2.0 / 3.0;
    private const double Temp4 = 1.5e-12;

    private readonly GravityModel _g;
    private readonly double _xke, _j2, _j3oj2, _vkmpersec;

    // Epoch mean elements (no is the un-Kozai'd mean motion, rad/min).
    private readonly double _ecco, _inclo, _nodeo, _argpo, _mo, _no, _bstar;

    // Secular and drag coefficients (R-STR#3, sgp4init).
    private readonly bool _isimp;
    private readonly double _aycof, _con41, _cc1, _cc4, _cc5, _d2, _d3, _d4, _delmo, _eta, _argpdot,
        _omgcof, _sinmao, _t2cof, _t3cof, _t4cof, _t5cof, _x1mth2, _x7thm1, _mdot, _nodedot, _xlcof,
        _xmcof, _nodecf;

    private readonly DeepSpace? _deep;

    public Sgp4Propagator(MeanElements elements) : this(elements, GravityModel.Wgs72) { }

    public Sgp4Propagator(MeanElements elements, GravityModel gravity)
    {
        Elements = elements;
        _g = gravity;
        _xke = gravity.Xke;
        _j2 = gravity.J2;
        _j3oj2 = gravity.J3OverJ2;
        _vkmpersec = gravity.RadiusKm * _xke / 60.0;
        var radius = gravity.RadiusKm;

        _bstar = elements.Bstar;
        _ecco = elements.Eccentricity;
        _argpo = elements.ArgPerigeeRad;
        _inclo = elements.InclinationRad;
        _mo = elements.MeanAnomalyRad;
        _nodeo = elements.RaanRad;

        // ---- initl: recover the original (un-Kozai'd) mean motion and semi-major axis ----
        var eccsq = _ecco * _ecco;
        var omeosq = 1.0 - eccsq;
        var rteosq = Math.Sqrt(omeosq);
        var cosio = Math.Cos(_inclo);
        var cosio2 = cosio * cosio;
        var noKozai = elements.MeanMotionRadPerMin;
        var ak = Math.Pow(_xke / noKozai, X2o3);
        var d1 = 0.75 * _j2 * (3.0 * cosio2 - 1.0) / (rteosq * omeosq);
        var del = d1 / (ak * ak);
        var adel = ak * (1.0 - del * del - del * (1.0 / 3.0 + 134.0 * del * del / 81.0));
        del = d1 / (adel * adel);
        _no = noKozai / (1.0 + del);
        var ao = Math.Pow(_xke / _no, X2o3);
        var sinio = Math.Sin(_inclo);
        var po = ao * omeosq;
        var con42 = 1.0 - 5.0 * cosio2;
        _con41 = -con42 - cosio2 - cosio2;
        var posq = po * po;
        var rp = ao * (1.0 - _ecco);
        Gsto = SiderealTime.Gmst82(elements.EpochJd);

        // ---- sgp4init ----
        var ss = 78.0 / radius + 1.0;
        var qzms2t = Math.Pow((120.0 - 78.0) / radius, 4);
        _isimp = rp < 220.0 / radius + 1.0;
        var sfour = ss;
        var qzms24 = qzms2t;
        var perige = (rp - 1.0) * radius;
        // Perigee below 156 km: adjust the atmospheric parameter s (R-STR#3, sgp4init).
        if (perige < 156.0)
        {
            sfour = perige - 78.0;
            if (perige < 98.0) sfour = 20.0;
            qzms24 = Math.Pow((120.0 - sfour) / radius, 4);
            sfour = sfour / radius + 1.0;
        }
        var pinvsq = 1.0 / posq;
        var tsi = 1.0 / (ao - sfour);
        _eta = ao * _ecco * tsi;
        var etasq = _eta * _eta;
        var eeta = _ecco * _eta;
        var psisq = Math.Abs(1.0 - etasq);
        var coef = qzms24 * Math.Pow(tsi, 4);
        var coef1 = coef / Math.Pow(psisq, 3.5);
        var cc2 = coef1 * _no * (ao * (1.0 + 1.5 * etasq + eeta * (4.0 + etasq))
            + 0.375 * _j2 * tsi / psisq * _con41 * (8.0 + 3.0 * etasq * (8.0 + etasq)));
        _cc1 = _bstar * cc2;
        var cc3 = 0.0;
        if (_ecco > 1.0e-4) cc3 = -2.0 * coef * tsi * _j3oj2 * _no * sinio / _ecco;
        _x1mth2 = 1.0 - cosio2;
        _cc4 = 2.0 * _no * coef1 * ao * omeosq * (_eta * (2.0 + 0.5 * etasq) + _ecco * (0.5 + 2.0 * etasq)
            - _j2 * tsi / (ao * psisq) * (-3.0 * _con41 * (1.0 - 2.0 * eeta + etasq * (1.5 - 0.5 * eeta))
            + 0.75 * _x1mth2 * (2.0 * etasq - eeta * (1.0 + etasq)) * Math.Cos(2.0 * _argpo)));
        _cc5 = 2.0 * coef1 * ao * omeosq * (1.0 + 2.75 * (etasq + eeta) + eeta * etasq);
        var cosio4 = cosio2 * cosio2;
        var temp1 = 1.5 * _j2 * pinvsq * _no;
        var temp2 = 0.5 * temp1 * _j2 * pinvsq;
        var temp3 = -0.46875 * gravity.J4 * pinvsq * pinvsq * _no;
        _mdot = _no + 0.5 * temp1 * rteosq * _con41 + 0.0625 * temp2 * rteosq * (13.0 - 78.0 * cosio2 + 137.0 * cosio4);
        _argpdot = -0.5 * temp1 * con42 + 0.0625 * temp2 * (7.0 - 114.0 * cosio2 + 395.0 * cosio4)
            + temp3 * (3.0 - 36.0 * cosio2 + 49.0 * cosio4);
        var xhdot1 = -temp1 * cosio;
        _nodedot = xhdot1 + (0.5 * temp2 * (4.0 - 19.0 * cosio2) + 2.0 * temp3 * (3.0 - 7.0 * cosio2)) * cosio;
        var xpidot = _argpdot + _nodedot;
        _omgcof = _bstar * cc3 * Math.Cos(_argpo);
        _xmcof = 0.0;
        if (_ecco > 1.0e-4) _xmcof = -X2o3 * coef * _bstar / eeta;
        _nodecf = 3.5 * omeosq * xhdot1 * _cc1;
        _t2cof = 1.5 * _cc1;
        // sgp4fix (R-STR#3): avoid the division by zero for inclination 180°.
        _xlcof = Math.Abs(cosio + 1.0) > 1.5e-12
            ? -0.25 * _j3oj2 * sinio * (3.0 + 5.0 * cosio) / (1.0 + cosio)
            : -0.25 * _j3oj2 * sinio * (3.0 + 5.0 * cosio) / Temp4;
        _aycof = -0.5 * _j3oj2 * sinio;
        _delmo = Math.Pow(1.0 + _eta * Math.Cos(_mo), 3);
        _sinmao = Math.Sin(_mo);
        _x7thm1 = 7.0 * cosio2 - 1.0;

        // Deep space when the period is 225 minutes or more (R-STR#3, "SDP4").
        if (TwoPi / _no >= 225.0)
        {
            _isimp = true;
            _deep = new DeepSpace(
                gravity, elements.EpochDays1950, _ecco, _inclo, _nodeo, _argpo, _mo, _no,
                eccsq, Gsto, _mdot, _argpdot, _nodedot, xpidot);
        }

        if (!_isimp)
        {
            var cc1sq = _cc1 * _cc1;
            _d2 = 4.0 * ao * tsi * cc1sq;
            var temp = _d2 * tsi * _cc1 / 3.0;
            _d3 = (17.0 * ao + sfour) * temp;
            _d4 = 0.5 * temp * ao * tsi * (221.0 * ao + 31.0 * sfour) * _cc1;
            _t3cof = _d2 + 2.0 * cc1sq;
            _t4cof = 0.25 * (3.0 * _d3 + _cc1 * (12.0 * _d2 + 10.0 * cc1sq));
            _t5cof = 0.2 * (3.0 * _d4 + 12.0 * _cc1 * _d3 + 6.0 * _d2 * _d2 + 15.0 * cc1sq * (2.0 * _d2 + cc1sq));
        }

        // The reference propagates to t = 0 at the end of initialisation and keeps its error code.
        InitError = Propagate(0.0, out _, out _);
    }

    public MeanElements Elements { get; }

    /// <summary>GMST at epoch (radians), IAU-82.</summary>
    public double Gsto { get; }

    /// <summary>True for deep-space (SDP4) element sets: period ≥ 225 minutes.</summary>
    public bool IsDeepSpace => _deep != null;

    /// <summary>The error of the propagation to t = 0 done at initialisation (R-STR#3 sgp4init).</summary>
    public Sgp4Error InitError { get; }

    /// <summary>Un-Kozai'd mean motion at epoch, rad/min.</summary>
    public double MeanMotion => _no;

    /// <summary>Propagates to a UTC Julian date.</summary>
    public Sgp4Error PropagateJd(double jd, out Vec3 positionKm, out Vec3 velocityKmS) =>
        Propagate((jd - Elements.EpochJd) * 1440.0, out positionKm, out velocityKmS);

    /// <summary>
    /// Position (km) and velocity (km/s) in TEME at <paramref name="tsince"/> minutes from epoch
    /// (R-STR#3, routine sgp4). On error the vectors are zero.
    /// </summary>
    public Sgp4Error Propagate(double tsince, out Vec3 positionKm, out Vec3 velocityKmS)
    {
        positionKm = default;
        velocityKmS = default;
        var t = tsince;

        // ---- secular gravity and atmospheric drag ----
        var xmdf = _mo + _mdot * t;
        var argpdf = _argpo + _argpdot * t;
        var nodedf = _nodeo + _nodedot * t;
        var argpm = argpdf;
        var mm = xmdf;
        var t2 = t * t;
        var nodem = nodedf + _nodecf * t2;
        var tempa = 1.0 - _cc1 * t;
        var tempe = _bstar * _cc4 * t;
        var templ = _t2cof * t2;

        if (!_isimp)
        {
            var delomg = _omgcof * t;
            var delmtemp = 1.0 + _eta * Math.Cos(xmdf);
            var delm = _xmcof * (delmtemp * delmtemp * delmtemp - _delmo);
            var delsum = delomg + delm;
            mm = xmdf + delsum;
            argpm = argpdf - delsum;
            var t3 = t2 * t;
            var t4 = t3 * t;
            tempa = tempa - _d2 * t2 - _d3 * t3 - _d4 * t4;
            tempe += _bstar * _cc5 * (Math.Sin(mm) - _sinmao);
            templ = templ + _t3cof * t3 + t4 * (_t4cof + t * _t5cof);
        }

        var nm = _no;
        var em = _ecco;
        var inclm = _inclo;
        if (_deep != null)
            _deep.Secular(t, ref em, ref argpm, ref inclm, ref mm, ref nodem, ref nm);

        if (nm <= 0.0) return Sgp4Error.MeanMotion;
        var am = Math.Pow(_xke / nm, X2o3) * tempa * tempa;
        nm = _xke / Math.Pow(am, 1.5);
        em -= tempe;

        if (em >= 1.0 || em < -0.001 || am < 0.95) return Sgp4Error.MeanEccentricity;
        // sgp4fix: keep the eccentricity positive for the periodics.
        if (em < 1.0e-6) em = 1.0e-6;
        mm += _no * templ;
        var xlm = mm + argpm + nodem;
        nodem %= TwoPi;
        argpm %= TwoPi;
        xlm %= TwoPi;
        mm = (xlm - argpm - nodem) % TwoPi;

        // ---- lunar-solar periodics (deep space) ----
        var ep = em;
        var xincp = inclm;
        var argpp = argpm;
        var nodep = nodem;
        var mp = mm;
        var sinip = Math.Sin(inclm);
        var cosip = Math.Cos(inclm);
        var aycof = _aycof;
        var xlcof = _xlcof;
        var con41 = _con41;
        var x1mth2 = _x1mth2;
        var x7thm1 = _x7thm1;
        if (_deep != null)
        {
            _deep.Periodics(t, ref ep, ref xincp, ref nodep, ref argpp, ref mp);
            if (xincp < 0.0)
            {
                xincp = -xincp;
                nodep += Math.PI;
                argpp -= Math.PI;
            }
            if (ep < 0.0 || ep > 1.0) return Sgp4Error.PerturbedEccentricity;

            sinip = Math.Sin(xincp);
            cosip = Math.Cos(xincp);
            aycof = -0.5 * _j3oj2 * sinip;
            xlcof = Math.Abs(cosip + 1.0) > 1.5e-12
                ? -0.25 * _j3oj2 * sinip * (3.0 + 5.0 * cosip) / (1.0 + cosip)
                : -0.25 * _j3oj2 * sinip * (3.0 + 5.0 * cosip) / Temp4;
            var cosisq = cosip * cosip;
            con41 = 3.0 * cosisq - 1.0;
            x1mth2 = 1.0 - cosisq;
            x7thm1 = 7.0 * cosisq - 1.0;
        }

        // ---- long-period periodics ----
        var axnl = ep * Math.Cos(argpp);
        var temp0 = 1.0 / (am * (1.0 - ep * ep));
        var aynl = ep * Math.Sin(argpp) + temp0 * aycof;
        var xl = mp + argpp + nodep + temp0 * xlcof * axnl;

        // ---- Kepler's equation (at most 10 Newton steps, each limited to 0.95 rad) ----
        var u = (xl - nodep) % TwoPi;
        var eo1 = u;
        var tem5 = 9999.9;
        var ktr = 1;
        double sineo1 = 0, coseo1 = 0;
        while (Math.Abs(tem5) >= 1.0e-12 && ktr <= 10)
        {
            sineo1 = Math.Sin(eo1);
            coseo1 = Math.Cos(eo1);
            tem5 = 1.0 - coseo1 * axnl - sineo1 * aynl;
            tem5 = (u - aynl * coseo1 + axnl * sineo1 - eo1) / tem5;
            if (Math.Abs(tem5) >= 0.95) tem5 = tem5 > 0.0 ? 0.95 : -0.95;
            eo1 += tem5;
            ktr++;
        }

        // ---- short-period preliminary quantities ----
        var ecose = axnl * coseo1 + aynl * sineo1;
        var esine = axnl * sineo1 - aynl * coseo1;
        var el2 = axnl * axnl + aynl * aynl;
        var pl = am * (1.0 - el2);
        if (pl < 0.0) return Sgp4Error.SemiLatusRectum;

        var rl = am * (1.0 - ecose);
        var rdotl = Math.Sqrt(am) * esine / rl;
        var rvdotl = Math.Sqrt(pl) / rl;
        var betal = Math.Sqrt(1.0 - el2);
        var temp = esine / (1.0 + betal);
        var sinu = am / rl * (sineo1 - aynl - axnl * temp);
        var cosu = am / rl * (coseo1 - axnl + aynl * temp);
        var su = Math.Atan2(sinu, cosu);
        var sin2u = (cosu + cosu) * sinu;
        var cos2u = 1.0 - 2.0 * sinu * sinu;
        temp = 1.0 / pl;
        var temp1 = 0.5 * _j2 * temp;
        var temp2 = temp1 * temp;

        // ---- short-period periodics ----
        var mrt = rl * (1.0 - 1.5 * temp2 * betal * con41) + 0.5 * temp1 * x1mth2 * cos2u;
        su -= 0.25 * temp2 * x7thm1 * sin2u;
        var xnode = nodep + 1.5 * temp2 * cosip * sin2u;
        var xinc = xincp + 1.5 * temp2 * cosip * sinip * cos2u;
        var mvt = rdotl - nm * temp1 * x1mth2 * sin2u / _xke;
        var rvdot = rvdotl + nm * temp1 * (x1mth2 * cos2u + 1.5 * con41) / _xke;

        // ---- orientation vectors ----
        var sinsu = Math.Sin(su);
        var cossu = Math.Cos(su);
        var snod = Math.Sin(xnode);
        var cnod = Math.Cos(xnode);
        var sini = Math.Sin(xinc);
        var cosi = Math.Cos(xinc);
        var xmx = -snod * cosi;
        var xmy = cnod * cosi;
        var ux = xmx * sinsu + cnod * cossu;
        var uy = xmy * sinsu + snod * cossu;
        var uz = sini * sinsu;
        var vx = xmx * cossu - cnod * sinsu;
        var vy = xmy * cossu - snod * sinsu;
        var vz = sini * cossu;

        if (mrt < 1.0) return Sgp4Error.Decayed;

        var rk = mrt * _g.RadiusKm;
        positionKm = new Vec3(rk * ux, rk * uy, rk * uz);
        velocityKmS = new Vec3(
            (mvt * ux + rvdot * vx) * _vkmpersec,
            (mvt * uy + rvdot * vy) * _vkmpersec,
            (mvt * uz + rvdot * vz) * _vkmpersec);
        return Sgp4Error.None;
    }
}
