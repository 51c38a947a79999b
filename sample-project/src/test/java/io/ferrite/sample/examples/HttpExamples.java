package io.ferrite.sample.examples;

import io.ferrite.http.HttpServer;
import io.ferrite.runtime.AsyncRuntime;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** What the HTTP examples share: a server on a free loopback port, and the JDK's client to call it. */
final class HttpExamples {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private HttpExamples() {
    }

    static HttpServer bind(AsyncRuntime rt) {
        return rt.blockOn(HttpServer.bind(NetExamples.anyLoopbackPort()));
    }

    static URI uri(HttpServer server, String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.localAddress().getPort() + pathAndQuery);
    }

    static HttpResponse<String> get(HttpServer server, String pathAndQuery) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(server, pathAndQuery)).build());
    }

    static HttpResponse<String> post(HttpServer server, String path, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(server, path)).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
