package io.ferrite.http;

import io.ferrite.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A {@link Handler} that picks another by method and path (the seeds' {@code match} on
 * {@code (req.method(), req.uri().path())}, with path parameters).
 *
 * <p>A pattern is a path whose segments are literal ({@code /users}), a parameter
 * ({@code /users/{id}}: one segment, read with {@link Request#pathParam}), or, as the last
 * segment, a rest parameter ({@code /files/{*path}}: the rest of the path, possibly empty). When
 * several routes match a path, the most specific wins: a literal segment before a parameter,
 * a parameter before a rest; then the route added first. A path no route matches is answered
 * with {@code 404 Not Found} (or by the {@link #notFound} handler); a path some route matches
 * but not with the request's method is answered with {@code 405 Method Not Allowed} and an
 * {@code Allow} header listing the methods that route has. A {@code GET} route also answers
 * {@code HEAD} (the server sends no body).
 *
 * <h2>Example</h2>
 * <pre>{@code
 * Router router = new Router()
 *         .get("/", request -> Future.ready(Response.text(200, "Home Page")))
 *         .get("/users/{id}", request -> Future.ready(Response.text(200, "user " + request.pathParam("id"))))
 *         .post("/echo", this::echo);
 * await(server.serve(router));
 * }</pre>
 *
 * <h2>Thread safety</h2>
 * Add the routes before serving; afterwards the router is read by many connections at once and
 * must not change.
 */
public final class Router implements Handler {

    private final List<Route> routes = new ArrayList<>();
    private Handler notFound = request -> Future.ready(Response.text(404, "Not Found\n"));

    /**
     * Creates a router with no routes.
     */
    public Router() {
    }

    /**
     * Adds a route.
     *
     * <pre>{@code
     * router.route("PATCH", "/users/{id}", this::patchUser);
     * }</pre>
     *
     * @param method  the method, such as {@code GET} (case-sensitive, as HTTP methods are)
     * @param pattern the path pattern, starting with {@code /}
     * @param handler the handler
     * @return this router
     * @throws IllegalArgumentException if the pattern is malformed (names the fault), or the
     *                                  same method and pattern were added before
     * @throws NullPointerException     if an argument is null
     */
    public Router route(String method, String pattern, Handler handler) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(handler, "handler");
        Route r = new Route(method, Pattern.parse(pattern), handler);
        for (Route o : routes) {
            if (o.method.equals(method) && o.pattern.source.equals(r.pattern.source)) {
                throw new IllegalArgumentException("route " + method + " " + pattern + " was already added");
            }
        }
        routes.add(r);
        return this;
    }

    /**
     * Adds a {@code GET} route (which also answers {@code HEAD}).
     *
     * @param pattern the path pattern
     * @param handler the handler
     * @return this router
     */
    public Router get(String pattern, Handler handler) {
        return route("GET", pattern, handler);
    }

    /**
     * Adds a {@code POST} route.
     *
     * @param pattern the path pattern
     * @param handler the handler
     * @return this router
     */
    public Router post(String pattern, Handler handler) {
        return route("POST", pattern, handler);
    }

    /**
     * Adds a {@code PUT} route.
     *
     * @param pattern the path pattern
     * @param handler the handler
     * @return this router
     */
    public Router put(String pattern, Handler handler) {
        return route("PUT", pattern, handler);
    }

    /**
     * Adds a {@code DELETE} route.
     *
     * @param pattern the path pattern
     * @param handler the handler
     * @return this router
     */
    public Router delete(String pattern, Handler handler) {
        return route("DELETE", pattern, handler);
    }

    /**
     * Sets the handler of paths no route matches (the default answers {@code 404 Not Found}).
     *
     * @param handler the handler
     * @return this router
     */
    public Router notFound(Handler handler) {
        this.notFound = Objects.requireNonNull(handler, "handler");
        return this;
    }

    /**
     * Routes the request: see the class comment.
     *
     * @param request the request
     * @return the chosen handler's future
     */
    @Override
    public Future<Response> handle(Request request) {
        String[] segments = Pattern.split(request.path());
        Route best = null;
        Map<String, String> bestParams = null;
        TreeSet<String> allowed = null;
        String method = request.method();
        Route bestAnyMethod = null;
        for (Route r : routes) {
            Map<String, String> params = r.pattern.match(segments);
            if (params == null) {
                continue;
            }
            boolean methodOk = r.method.equals(method) || method.equals("HEAD") && r.method.equals("GET");
            if (bestAnyMethod == null || r.pattern.compareTo(bestAnyMethod.pattern) < 0) {
                bestAnyMethod = r;
            }
            if (methodOk && (best == null || r.pattern.compareTo(best.pattern) < 0
                    || r.pattern.compareTo(best.pattern) == 0 && r.method.equals(method) && !best.method.equals(method))) {
                best = r;
                bestParams = params;
            }
        }
        if (best != null && best.pattern.compareTo(bestAnyMethod.pattern) <= 0) {
            request.pathParams(bestParams);
            return best.handler.handle(request);
        }
        if (bestAnyMethod == null) {
            return notFound.handle(request);
        }
        // the most specific pattern that matches has no route for this method
        allowed = new TreeSet<>();
        for (Route r : routes) {
            if (r.pattern.source.equals(bestAnyMethod.pattern.source)) {
                allowed.add(r.method);
                if (r.method.equals("GET")) {
                    allowed.add("HEAD");
                }
            }
        }
        String allow = String.join(", ", allowed);
        return Future.ready(Response.text(405, "Method Not Allowed: " + method + " " + request.path() + " allows " + allow
                + "\n").withHeader("Allow", allow));
    }

    @Override
    public String toString() {
        List<String> l = new ArrayList<>();
        for (Route r : routes) {
            l.add(r.method + " " + r.pattern.source);
        }
        return "Router" + l;
    }

    private record Route(String method, Pattern pattern, Handler handler) {
    }

    /** A parsed path pattern: literal segments, {name} parameters, and a final {*name} rest. */
    private static final class Pattern implements Comparable<Pattern> {
        private static final int LITERAL = 0;
        private static final int PARAM = 1;
        private static final int REST = 2;

        final String source;
        final String[] parts;
        final int[] kinds;

        private Pattern(String source, String[] parts, int[] kinds) {
            this.source = source;
            this.parts = parts;
            this.kinds = kinds;
        }

        static Pattern parse(String pattern) {
            Objects.requireNonNull(pattern, "pattern");
            if (!pattern.startsWith("/")) {
                throw new IllegalArgumentException("pattern \"" + pattern + "\": must start with /");
            }
            String[] segs = split(pattern);
            int[] kinds = new int[segs.length];
            String[] parts = new String[segs.length];
            java.util.Set<String> names = new java.util.HashSet<>();
            for (int i = 0; i < segs.length; i++) {
                String s = segs[i];
                if (s.startsWith("{") && s.endsWith("}")) {
                    boolean rest = s.startsWith("{*");
                    String name = s.substring(rest ? 2 : 1, s.length() - 1);
                    if (name.isEmpty() || !name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_')) {
                        throw new IllegalArgumentException("pattern \"" + pattern + "\": parameter " + s
                                + " needs a name of letters, digits and _");
                    }
                    if (rest && i != segs.length - 1) {
                        throw new IllegalArgumentException("pattern \"" + pattern + "\": the rest parameter " + s
                                + " must be the last segment");
                    }
                    if (!names.add(name)) {
                        throw new IllegalArgumentException("pattern \"" + pattern + "\": parameter " + name + " twice");
                    }
                    kinds[i] = rest ? REST : PARAM;
                    parts[i] = name;
                } else if (s.contains("{") || s.contains("}")) {
                    throw new IllegalArgumentException("pattern \"" + pattern + "\": segment \"" + s
                            + "\" mixes text and a parameter; a parameter is a whole segment, {name}");
                } else {
                    parts[i] = s;
                }
            }
            return new Pattern(pattern, parts, kinds);
        }

        /** "/a/b/" -> [a, b, ""]; "/" -> [""]. */
        static String[] split(String path) {
            return (path.startsWith("/") ? path.substring(1) : path).split("/", -1);
        }

        Map<String, String> match(String[] segs) {
            Map<String, String> params = null;
            int n = parts.length;
            boolean rest = n > 0 && kinds[n - 1] == REST;
            if (rest ? segs.length < n - 1 : segs.length != n) {
                return null;
            }
            for (int i = 0; i < n; i++) {
                if (kinds[i] == LITERAL) {
                    if (!parts[i].equals(segs[i])) {
                        return null;
                    }
                } else if (kinds[i] == PARAM) {
                    if (segs[i].isEmpty()) {
                        return null;
                    }
                    if (params == null) {
                        params = new LinkedHashMap<>();
                    }
                    params.put(parts[i], PercentDecoding.decode(segs[i], false));
                } else {
                    if (params == null) {
                        params = new LinkedHashMap<>();
                    }
                    String r = i < segs.length ? String.join("/", java.util.Arrays.copyOfRange(segs, i, segs.length)) : "";
                    params.put(parts[i], PercentDecoding.decode(r, false));
                }
            }
            return params == null ? Map.of() : java.util.Collections.unmodifiableMap(params);
        }

        /** Most specific first: segment by segment, literal before parameter before rest. */
        @Override
        public int compareTo(Pattern o) {
            for (int i = 0; i < Math.min(kinds.length, o.kinds.length); i++) {
                if (kinds[i] != o.kinds[i]) {
                    return Integer.compare(kinds[i], o.kinds[i]);
                }
            }
            return Integer.compare(o.kinds.length, kinds.length);
        }
    }
}
