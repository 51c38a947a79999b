package io.ferrite.http;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the request parser against {@link ParserOracle}'s properties (never throws, only its
 * documented statuses, the same outcome however the bytes are split).
 *
 * <p>Two fuzzers over one corpus ({@code src/test/resources/io/ferrite/http/RequestParserFuzzTestInputs}):
 * <ul>
 *   <li>Jazzer, coverage-guided: in a plain {@code ./mvnw verify} its {@link FuzzTest} runs
 *       each corpus file once (regression); the {@code fuzz-parser} execution of the module's
 *       pom then fuzzes for a bounded time (30 s) with
 *       {@code JAZZER_FUZZ=1}. A crash it finds is written next to the corpus: commit it there,
 *       and it becomes a regression input.</li>
 *   <li>A JUnit mutation fuzzer with a fixed seed that needs no native agent: mutations of the
 *       corpus (byte flips, inserted CR, LF, space, colon, NUL, deletions, duplications), 20,000
 *       per run, or 500,000 with {@code -Dferrite.stress=full}.</li>
 * </ul>
 */
class RequestParserFuzzTest {

    private static final String CORPUS = "RequestParserFuzzTestInputs/parse_should_keep_its_properties_when_fed_any_bytes/";
    private static final List<String> SEEDS = List.of("get-fast", "post-chunked", "post-length", "pipelined", "obs-fold",
            "smuggle-cl-te", "bare-lf", "absolute-form", "long-target", "many-headers");

    @FuzzTest(maxDuration = "30s")
    void parse_should_keep_its_properties_when_fed_any_bytes(byte[] input) {
        if (input.length > 2048) {
            return; // the limits are small in the oracle; longer inputs only repeat the 431 path
        }
        ParserOracle.check(input);
    }

    @Test
    void parse_should_keep_its_properties_when_the_corpus_is_mutated() {
        int runs = "full".equals(System.getProperty("ferrite.stress")) ? 500_000 : 20_000;
        Random random = new Random(15);
        List<byte[]> corpus = new ArrayList<>();
        for (String seed : SEEDS) {
            corpus.add(seed(seed));
        }
        byte[] alphabet = "\r\n :\t\u0000/?%HTP1.0GET,chunked0123456789abcdefContent-LengthTransfer-Encoding"
                .getBytes(StandardCharsets.ISO_8859_1);
        for (int run = 0; run < runs; run++) {
            byte[] b = corpus.get(random.nextInt(corpus.size())).clone();
            int mutations = 1 + random.nextInt(4);
            for (int m = 0; m < mutations && b.length > 0; m++) {
                int at = random.nextInt(b.length);
                switch (random.nextInt(5)) {
                    case 0 -> b[at] = (byte) random.nextInt(256);
                    case 1 -> b[at] = alphabet[random.nextInt(alphabet.length)];
                    case 2 -> b = insert(b, at, alphabet[random.nextInt(alphabet.length)]);
                    case 3 -> b = delete(b, at);
                    default -> b = duplicate(b, at, random.nextInt(Math.min(16, b.length - at)) + 1);
                }
            }
            ParserOracle.checkSome(b, random, 8);
        }
    }

    private static byte[] seed(String name) {
        try (InputStream in = RequestParserFuzzTest.class.getResourceAsStream(CORPUS + name)) {
            if (in == null) {
                throw new IllegalStateException("corpus file " + CORPUS + name + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] insert(byte[] b, int at, byte x) {
        byte[] r = new byte[b.length + 1];
        System.arraycopy(b, 0, r, 0, at);
        r[at] = x;
        System.arraycopy(b, at, r, at + 1, b.length - at);
        return r;
    }

    private static byte[] delete(byte[] b, int at) {
        byte[] r = new byte[b.length - 1];
        System.arraycopy(b, 0, r, 0, at);
        System.arraycopy(b, at + 1, r, at, b.length - at - 1);
        return r;
    }

    private static byte[] duplicate(byte[] b, int at, int n) {
        byte[] r = new byte[b.length + n];
        System.arraycopy(b, 0, r, 0, at + n);
        System.arraycopy(b, at, r, at + n, b.length - at);
        return r;
    }
}
