package org.rapport.app.fuzz;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** jqwik generators of hostile input: odd unicode, injections, huge and wrongly typed values. */
final class HostileInput {
    static final List<String> PAYLOADS = List.of(
            "' OR '1'='1", "'; drop table response; --", "\"; delete from access_code; --", "1; select pg_sleep(5)",
            "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)", "{{7*7}}", "${7*7}",
            "__${T(java.lang.Runtime).getRuntime().exec('id')}__", "../../../../etc/passwd", "%00", "\u0000", "a\u0000b", "\u0001",
            "\u001b[2J", "\u007f", "\u0085", "\u009b", "\ud800", "x\udc00", "\u202Eevil",
            "Winter \u202E6202", "\u3164\u115F\u2800\u034F\u17B5", "a\u200Bb", "summer  2026",
            "😀😀😀", "ＡＢＣＤＥ－２３４５６", "ABCDE-2345６", "NaN", "Infinity", "-0", "1e309", "99999999999999999999999",
            "null", "true", "[]", "{}", " ", "\t\r\n", "A".repeat(5000));

    private HostileInput() {
    }

    static Arbitrary<String> strings() {
        return Arbitraries.oneOf(
                Arbitraries.of(PAYLOADS),
                Arbitraries.strings().all().ofMaxLength(60),
                Arbitraries.strings().withChars("23456789ABCDEFGHJKMNPQRSTUVWXYZ-0O1Il ").ofMinLength(8).ofMaxLength(14));
    }

    /** Any JSON value, nested a little. */
    static Arbitrary<Object> json() {
        return Arbitraries.lazyOf(
                () -> Arbitraries.just(null),
                () -> Arbitraries.of(true, false),
                () -> Arbitraries.integers().map(i -> (Object) i),
                () -> Arbitraries.longs().map(l -> (Object) l),
                () -> Arbitraries.doubles().map(d -> (Object) d),
                () -> Arbitraries.bigIntegers().between(java.math.BigInteger.TEN.pow(20).negate(), java.math.BigInteger.TEN.pow(20)).map(b -> (Object) b),
                () -> strings().map(s -> (Object) s),
                () -> json().list().ofMaxSize(4).map(l -> (Object) l),
                () -> Arbitraries.maps(strings(), json()).ofMaxSize(4).map(m -> (Object) m));
    }

    /** Bodies shaped like the real ones, with hostile values in each field. */
    static Arbitrary<Object> surveyBody(String validCode) {
        Arbitrary<Object> code = Arbitraries.oneOf(Arbitraries.just(validCode), json());
        Arbitrary<Object> answers = Arbitraries.oneOf(json(),
                Arbitraries.maps(strings(), Arbitraries.oneOf(Arbitraries.integers().between(-5, 10).map(i -> (Object) i), json()))
                        .ofMaxSize(6).map(m -> (Object) m));
        Arbitrary<Object> comments = Arbitraries.oneOf(json(),
                Arbitraries.maps(Arbitraries.oneOf(strings(), Arbitraries.of("PUPIL_SCHOOL", "PUPIL_TEACHER@1", "TEACHER_LEADERS")),
                        Arbitraries.oneOf(strings().map(x -> (Object) x), json())).ofMaxSize(4).map(m -> (Object) m));
        return Arbitraries.oneOf(json(), code.flatMap(c -> answers.flatMap(a -> comments.map(k -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("code", c);
            body.put("answers", a);
            body.put("comments", k);
            return (Object) body;
        }))));
    }

    static String write(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (Exception e) {
            return String.valueOf(value);
        }
    }
}
