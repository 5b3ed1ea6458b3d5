package dev.ssotauth.websocket;

import dev.ssotauth.core.JwtAuthority;
import dev.ssotauth.core.TokenRequest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A login service's published keys and a verifier that fetches them, as a service verifying tokens
 * of an identity provider runs: {@link #SIGNER} signs with an ES256 key; each instance serves its
 * public JWK Set on loopback and holds an authority on that address, whose fetching threads stop on
 * {@link #close()}.
 */
final class RemoteKeys implements AutoCloseable {

    static final JwtAuthority SIGNER = signer();

    private final ServerSocket server;
    private final Thread acceptor;
    private final JwtAuthority verifier;
    private final AtomicInteger fetches = new AtomicInteger();

    RemoteKeys() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] body = SIGNER.publicJwks().getBytes(StandardCharsets.UTF_8);
        acceptor = new Thread(() -> serve(body), "jwks-test-server");
        acceptor.setDaemon(true);
        acceptor.start();
        verifier = JwtAuthority.builder().jwksUri(URI.create("http://127.0.0.1:" + server.getLocalPort()
                + "/jwks.json")).issuer(TestAuthority.ISSUER).audience(TestAuthority.AUDIENCE).build();
    }

    JwtAuthority verifier() {
        return verifier;
    }

    int fetches() {
        return fetches.get();
    }

    static String token(String subject) {
        return TestAuthority.remember(SIGNER.issue(TokenRequest.forSubject(subject).roles("user").build()));
    }

    /** Answers every request on a connection of its own with the JWK Set (HTTP/1.1, then closes). */
    private void serve(byte[] body) {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.ISO_8859_1));
                String line;
                do {
                    line = in.readLine();
                } while (line != null && !line.isEmpty());
                fetches.incrementAndGet();
                OutputStream out = socket.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/jwk-set+json\r\nContent-Length: "
                        + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
            } catch (IOException e) {
                // closed, or a client gone: the next accept decides
            }
        }
    }

    @Override
    public void close() {
        verifier.close();
        try {
            server.close();
            acceptor.join();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static JwtAuthority signer() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            ECPublicKey pub = (ECPublicKey) pair.getPublic();
            String jwks = "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"remote-1\",\"x\":\""
                    + coordinate(pub.getW().getAffineX()) + "\",\"y\":\"" + coordinate(pub.getW().getAffineY())
                    + "\",\"d\":\"" + coordinate(((ECPrivateKey) pair.getPrivate()).getS()) + "\"}]}";
            Path file = Files.createTempFile("ssot-auth-remote-keys", ".json");
            try {
                Files.writeString(file, jwks);
                return JwtAuthority.builder().signingKeys(file).issuer(TestAuthority.ISSUER)
                        .audience(TestAuthority.AUDIENCE).build();
            } finally {
                Files.delete(file);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String coordinate(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[32];
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, fixed, 32 - length, length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(fixed, 32));
    }
}
