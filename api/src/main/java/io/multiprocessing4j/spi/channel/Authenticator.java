package io.multiprocessing4j.spi.channel;

import io.multiprocessing4j.AuthenticationException;
import io.multiprocessing4j.ConnectionEOFException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mutual HMAC-SHA256 challenge–response on a shared key, as Python's {@code authkey}: each side
 * sends 32 random bytes and expects their MAC back. It runs on raw frames of at most
 * {@value #MAX_FRAME} bytes, so a peer that does not know the key is dropped before any of its
 * bytes are deserialized and before it can make us allocate.
 */
public final class Authenticator {
    /** Size of a fresh context key, in bytes. */
    public static final int KEY_BYTES = 32;
    private static final int MAX_FRAME = 128;
    private static final long TIMEOUT_NANOS = 20_000_000_000L;
    private static final byte[] CHALLENGE = "#CHALLENGE#".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WELCOME = "#WELCOME#".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FAILURE = "#FAILURE#".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private Authenticator() {
    }

    /** @return a new random key */
    public static byte[] newKey() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }

    /**
     * Authenticates the accepting side: challenge the client, then answer its challenge.
     *
     * @param channel the connection
     * @param key the context key
     * @throws AuthenticationException if the peer does not know the key
     * @throws ConnectionEOFException if it went away or stayed silent
     */
    public static void asServer(FramedChannel channel, byte[] key) {
        deliverChallenge(channel, key);
        answerChallenge(channel, key);
    }

    /**
     * Authenticates the connecting side: answer the server's challenge, then challenge it.
     *
     * @param channel the connection
     * @param key the context key
     * @throws AuthenticationException if the peer does not know the key
     * @throws ConnectionEOFException if it went away or stayed silent
     */
    public static void asClient(FramedChannel channel, byte[] key) {
        answerChallenge(channel, key);
        deliverChallenge(channel, key);
    }

    private static void deliverChallenge(FramedChannel channel, byte[] key) {
        byte[] nonce = new byte[32];
        RANDOM.nextBytes(nonce);
        byte[] message = concat(CHALLENGE, nonce);
        channel.write(message, 0, message.length);
        byte[] answer = receive(channel);
        if (!MessageDigest.isEqual(answer, mac(key, nonce))) {
            channel.write(FAILURE, 0, FAILURE.length);
            throw new AuthenticationException("the peer failed the authentication challenge (wrong key)");
        }
        channel.write(WELCOME, 0, WELCOME.length);
    }

    private static void answerChallenge(FramedChannel channel, byte[] key) {
        byte[] message = receive(channel);
        if (message.length <= CHALLENGE.length
                || !Arrays.equals(Arrays.copyOf(message, CHALLENGE.length), CHALLENGE)) {
            throw new AuthenticationException("the peer sent no authentication challenge");
        }
        byte[] answer = mac(key, Arrays.copyOfRange(message, CHALLENGE.length, message.length));
        channel.write(answer, 0, answer.length);
        byte[] verdict = receive(channel);
        if (!Arrays.equals(verdict, WELCOME)) {
            throw new AuthenticationException("the peer refused our key: it belongs to another context");
        }
    }

    private static byte[] receive(FramedChannel channel) {
        byte[] m = channel.readLimited(TIMEOUT_NANOS, MAX_FRAME);
        if (m == null) {
            throw new ConnectionEOFException("the peer did not authenticate within 20 s");
        }
        return m;
    }

    private static byte[] mac(byte[] key, byte[] message) {
        Objects.requireNonNull(key, "key");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable in this JDK", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
