package io.spear.next.sms.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;

/**
 * JSON bodies must be UTF-8 (RFC 8259), and well-formed: Jackson decodes some invalid sequences,
 * such as the overlong C0 AF for "/", without complaint, and guesses UTF-16. The JDK's decoder
 * refuses both; a refused body is a 400 naming the byte. Bodies here are small (see
 * {@link RequestBodyFilter}); the streamed NDJSON import is not JSON-typed and passes untouched.
 */
@Provider
public class StrictUtf8Bodies implements ReaderInterceptor {

    /** A JSON body that is not UTF-8. */
    static final class NotUtf8Exception extends RuntimeException {
        NotUtf8Exception(int offset) {
            super("the body is not valid UTF-8 (at byte " + offset + "); JSON must be sent in UTF-8");
        }
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (context.getMediaType() == null || !MediaType.APPLICATION_JSON_TYPE.isCompatible(context.getMediaType())) {
            return context.proceed();
        }
        byte[] body = context.getInputStream().readAllBytes();
        ByteBuffer in = ByteBuffer.wrap(body);
        CoderResult result = StandardCharsets.UTF_8.newDecoder().decode(in, CharBuffer.allocate(body.length), true);
        if (result.isError()) {
            throw new NotUtf8Exception(in.position());
        }
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }
}
