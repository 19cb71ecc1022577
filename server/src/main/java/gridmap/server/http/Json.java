package gridmap.server.http;

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
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .addModule(new JavaTimeModule())
            .addModule(new SimpleModule().addSerializer(new RawJsonSerializer()))
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    static {
        // deeply nested input is refused early instead of exhausting the stack
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
    }

    private Json() {}

    /** The body as type t; 415 when it is not JSON, 413 when too large, 400 when it does not parse or fit t. */
    public static <T> T body(Context ctx, Class<T> t) {
        JsonNode tree = tree(ctx);
        if (!tree.isObject()) throw ApiException.badRequest("the request body must be a JSON object");
        try {
            return MAPPER.treeToValue(tree, t);
        } catch (IOException e) {
            throw ApiException.badRequest("the request body is not valid: " + brief(e));
        }
    }

    /** The body as a JSON tree, read with the size cap; no string in it may hold NUL. */
    public static JsonNode tree(Context ctx) {
        byte[] bytes = BoundedBody.read(ctx);
        JsonNode n;
        try {
            n = MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw ApiException.badRequest("the request body is not valid JSON: " + brief(e));
        }
        if (n == null || n.isMissingNode()) throw ApiException.badRequest("the request body is empty");
        String nul = pathOfNul(n, "");
        if (nul != null) throw ApiException.badRequest("text may not contain NUL characters (at " + (nul.isEmpty() ? "the top" : nul) + ")");
        return n;
    }

    /** PostgreSQL text cannot hold NUL: find one anywhere in the tree (keys included). */
    private static String pathOfNul(JsonNode n, String path) {
        if (n.isTextual()) return n.textValue().indexOf('\0') >= 0 ? path : null;
        if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                String p = pathOfNul(n.get(i), path + "[" + i + "]");
                if (p != null) return p;
            }
        } else if (n.isObject()) {
            for (var it = n.fields(); it.hasNext(); ) {
                var e = it.next();
                if (e.getKey().indexOf('\0') >= 0) return path + "/(a key)";
                String p = pathOfNul(e.getValue(), path + "/" + e.getKey());
                if (p != null) return p;
            }
        }
        return null;
    }

    /**
     * A short reason for a parse or mapping error: where (line/column or field path) and what,
     * without echoing the input or naming the server's classes.
     */
    static String brief(IOException e) {
        if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u) {
            return "unknown field '" + u.getPropertyName() + "'" + where(u);
        }
        if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException m) {
            return "a value has the wrong type or is missing" + where(m);
        }
        if (e instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException f) {
            return "a value has the wrong format" + where(f);
        }
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException p && p.getLocation() != null) {
            String m = p.getOriginalMessage() == null ? "malformed JSON" : p.getOriginalMessage();
            m = m.replaceAll("\\s+", " ");
            if (m.length() > 160) m = m.substring(0, 160) + "…";
            return p.getLocation().getLineNr() < 0 ? m
                    : m + " (line " + p.getLocation().getLineNr() + ", column " + p.getLocation().getColumnNr() + ")";
        }
        return "malformed JSON";
    }

    private static String where(com.fasterxml.jackson.databind.JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) sb.append(sb.length() == 0 ? "" : ".").append(ref.getFieldName());
            else if (ref.getIndex() >= 0) sb.append('[').append(ref.getIndex()).append(']');
        }
        return sb.length() == 0 ? "" : " at '" + sb + "'";
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
