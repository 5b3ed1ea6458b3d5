package dev.ssotauth.core.internal;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;

/** The NIST curves of JWS, by JWK name, and the on-curve check the JDK does not make for us. */
final class EcCurves {

    private EcCurves() {
    }

    static ECParameterSpec parameters(String crv) throws GeneralSecurityException {
        String name;
        switch (crv) {
            case "P-256":
                name = "secp256r1";
                break;
            case "P-384":
                name = "secp384r1";
                break;
            case "P-521":
                name = "secp521r1";
                break;
            default:
                throw new GeneralSecurityException("unsupported curve");
        }
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec(name));
        return parameters.getParameterSpec(ECParameterSpec.class);
    }

    /** Whether {@code point} satisfies y² = x³ + ax + b over the curve's prime field. */
    static boolean isOnCurve(ECPoint point, ECParameterSpec params) {
        if (point.equals(ECPoint.POINT_INFINITY)) {
            return false;
        }
        BigInteger p = ((ECFieldFp) params.getCurve().getField()).getP();
        BigInteger x = point.getAffineX();
        BigInteger y = point.getAffineY();
        if (x.signum() < 0 || x.compareTo(p) >= 0 || y.signum() < 0 || y.compareTo(p) >= 0) {
            return false;
        }
        BigInteger left = y.multiply(y).mod(p);
        BigInteger right = x.pow(3).add(params.getCurve().getA().multiply(x)).add(params.getCurve().getB()).mod(p);
        return left.equals(right);
    }
}
