package io.ferrite.maven;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Decides which class files a goal considers, from Ant-style include and exclude patterns matched
 * against the class file's path relative to the classes directory, with {@code /} separators
 * ({@code com/acme/Orders.class}): {@code **} matches any number of directories, {@code *} any
 * characters but {@code /}, {@code ?} one such character; a pattern ending in {@code /} means
 * everything below that directory. No include pattern means every class file; an exclude
 * pattern wins over an include pattern.
 */
final class ClassFileFilter {

    private final List<Pattern> includes;
    private final List<Pattern> excludes;

    /**
     * Compiles the patterns.
     *
     * @param includes patterns to include; null or empty for all
     * @param excludes patterns to exclude; null or empty for none
     */
    ClassFileFilter(List<String> includes, List<String> excludes) {
        this.includes = compile(includes);
        this.excludes = compile(excludes);
    }

    /**
     * Tells whether a class file is selected.
     *
     * @param relativePath the class file's path below the classes directory, {@code /}-separated
     * @return true if it is included and not excluded
     */
    boolean accepts(String relativePath) {
        boolean included = includes.isEmpty() || includes.stream().anyMatch(p -> p.matcher(relativePath).matches());
        return included && excludes.stream().noneMatch(p -> p.matcher(relativePath).matches());
    }

    private static List<Pattern> compile(List<String> patterns) {
        List<Pattern> compiled = new ArrayList<>();
        if (patterns != null) {
            for (String pattern : patterns) {
                if (pattern != null && !pattern.isBlank()) {
                    compiled.add(toRegex(pattern.trim()));
                }
            }
        }
        return compiled;
    }

    static Pattern toRegex(String antPattern) {
        String pattern = antPattern.replace('\\', '/');
        if (pattern.startsWith("/")) {
            pattern = pattern.substring(1);
        }
        if (pattern.endsWith("/")) {
            pattern += "**";
        }
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (pattern.startsWith("**/", i)) {
                regex.append("(?:.*/)?");
                i += 2;
            } else if (pattern.startsWith("**", i)) {
                regex.append(".*");
                i += 1;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
