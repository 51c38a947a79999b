package io.ferrite.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Percent-decoding (RFC 3986 section 2.1) of path parameters and query parameters, as UTF-8. */
final class PercentDecoding {

    private PercentDecoding() {
    }

    /**
     * Decodes {@code s}; a {@code %} not followed by two hex digits stays as it is.
     *
     * @param s          the raw text (ISO-8859-1 chars, one per byte received)
     * @param plusIsSpace whether {@code +} means a space (in a query)
     * @return the decoded text
     */
    static String decode(String s, boolean plusIsSpace) {
        int i = 0;
        int n = s.length();
        while (i < n && s.charAt(i) != '%' && !(plusIsSpace && s.charAt(i) == '+') && s.charAt(i) < 0x80) {
            i++;
        }
        if (i == n) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(n);
        for (int j = 0; j < n; j++) {
            char c = s.charAt(j);
            if (c == '%' && j + 2 < n && Character.digit(s.charAt(j + 1), 16) >= 0
                    && Character.digit(s.charAt(j + 2), 16) >= 0) {
                out.write(Character.digit(s.charAt(j + 1), 16) << 4 | Character.digit(s.charAt(j + 2), 16));
                j += 2;
            } else if (c == '+' && plusIsSpace) {
                out.write(' ');
            } else {
                out.write(c); // the raw byte: a char here is one byte received (ISO-8859-1)
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
