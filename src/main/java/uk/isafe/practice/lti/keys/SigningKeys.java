package uk.isafe.practice.lti.keys;

import io.vertx.core.Future;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;

/** The tool's current RSA signing key: for service-token assertions, deep linking responses and registration. */
public interface SigningKeys {

  /** A key pair with its RFC 7638 thumbprint as key id. The private key is never logged. */
  record SigningKey(String kid, RSAPrivateKey privateKey, RSAPublicKey publicKey) {
    @Override
    public String toString() {
      return "SigningKey[kid=" + kid + "]";
    }
  }

  Future<SigningKey> current();
}
