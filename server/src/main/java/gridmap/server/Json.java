package gridmap.server;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import gridmap.data.audit.AuditLog;
import io.javalin.http.Context;

/**
 * The one JSON mapper: snake_case field names, strict reading (unknown fields, trailing tokens,
 * numbers where text is expected and nulls for required numbers are all errors), and request
 * bodies that fail to parse turned into 400 problems that say where.
 */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .addModule(new JavaTimeModule())
            .addModule(new SimpleModule().addSerializer(new RawJsonSerializer()))
            .build();

    static {
        // deeply nested input is refused early instead of exhausting the stack
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
    }

    private Json() {}

    /** The body as type t; 415 when it is not JSON, 400 when it does not parse or fit t. */
    public static <T> T body(Context ctx, Class<T> t) {
        byte[] bytes = requireJson(ctx);
        try {
            T v = MAPPER.readValue(bytes, t);
            if (v == null) throw ApiException.badRequest("the request body must be a JSON object");
            return v;
        } catch (IOException e) {
            throw ApiException.badRequest("the request body is not valid: " + brief(e));
        }
    }

    public static JsonNode tree(Context ctx) {
        byte[] bytes = requireJson(ctx);
        try {
            JsonNode n = MAPPER.readTree(bytes);
            if (n == null || n.isMissingNode()) throw ApiException.badRequest("the request body is empty");
            return n;
        } catch (IOException e) {
            throw ApiException.badRequest("the request body is not valid JSON: " + brief(e));
        }
    }

    /** The body bytes, once the type is JSON and no string in it holds NUL (PostgreSQL text cannot). */
    private static byte[] requireJson(Context ctx) {
        String ct = ctx.contentType();
        if (ct == null || !(ct.startsWith("application/json") || ct.startsWith("application/geo+json"))) {
            throw new ApiException(415, "Unsupported media type", "send the body as application/json");
        }
        byte[] bytes = ctx.bodyAsBytes();
        if (new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).contains("\\u0000")) {
            throw ApiException.badRequest("text in the request body may not contain NUL characters (\\u0000)");
        }
        return bytes;
    }

    /** Jackson's message without the echo of the whole input and the source reference. */
    private static String brief(IOException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int cut = m.indexOf("\n at [Source");
        if (cut > 0) m = m.substring(0, cut);
        m = m.replaceAll("\\(class [^)]*\\)", "").replaceAll("\\s+", " ").trim();
        return m.length() > 300 ? m.substring(0, 300) + "…" : m;
    }

    /** JSON text from the database written as is (audit before/after). */
    static final class RawJsonSerializer extends StdSerializer<AuditLog.RawJson> {
        private static final long serialVersionUID = 1L;

        RawJsonSerializer() { super(AuditLog.RawJson.class); }

        @Override
        public void serialize(AuditLog.RawJson v, JsonGenerator g, SerializerProvider p) throws IOException {
            if (v.json() == null) g.writeNull(); else g.writeRawValue(v.json());
        }
    }
}
