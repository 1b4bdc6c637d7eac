package io.vigil.bench.loadgen;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HS256 tokens with the claims the gateway requires, as {@code common.mjs}'s {@code mintToken}. */
final class Tokens {

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private Tokens() {}

    static String mint(String secret, String subject, String tenant) {
        long now = System.currentTimeMillis() / 1000;
        String head = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        String body = encode("{\"sub\":\"" + subject + "\",\"tenant\":\"" + tenant
                + "\",\"roles\":[\"viewer\"],\"iat\":" + now + ",\"exp\":" + (now + 8 * 3600) + "}");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signature = mac.doFinal((head + "." + body).getBytes(StandardCharsets.UTF_8));
            return head + "." + body + "." + URL.encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String json) {
        return URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
