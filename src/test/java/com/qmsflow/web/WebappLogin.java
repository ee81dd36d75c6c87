package com.qmsflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A login to the Camunda webapps over HTTP, as a browser makes it: the session cookie and the CSRF
 * token that every write of the webapps' REST API ({@code /camunda/api/**}) must carry.
 */
public record WebappLogin(URI base, String session, String token) {

  /** Logs {@code user} (password = user id, the demo users) in to Tasklist. */
  public static WebappLogin of(HttpClient http, URI base, String user) throws Exception {
    HttpResponse<String> page =
        http.send(
            HttpRequest.newBuilder(base.resolve("/camunda/app/tasklist/default/")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    Map<String, String> cookies = cookies(page);
    String token = cookies.get("XSRF-TOKEN");
    String form =
        "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password=" + user;
    HttpResponse<String> login =
        http.send(
            HttpRequest.newBuilder(
                    base.resolve("/camunda/api/admin/auth/user/default/login/tasklist"))
                .header(
                    "Cookie", "JSESSIONID=" + cookies.get("JSESSIONID") + "; XSRF-TOKEN=" + token)
                .header("X-XSRF-TOKEN", token)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).as("login of " + user + ": " + login.body()).isEqualTo(200);
    String session = cookies(login).getOrDefault("JSESSIONID", cookies.get("JSESSIONID"));
    HttpResponse<String> me =
        http.send(
            HttpRequest.newBuilder(base.resolve("/camunda/api/admin/auth/user/default"))
                .header("Cookie", "JSESSIONID=" + session)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    // the session's CSRF token: sent with the first GET of the new session, or with the login
    String sessionToken =
        me.headers()
            .firstValue("X-XSRF-TOKEN")
            .orElse(
                cookies(me)
                    .getOrDefault("XSRF-TOKEN", cookies(login).getOrDefault("XSRF-TOKEN", token)));
    return new WebappLogin(base, session, sessionToken);
  }

  /** A request of this session, with its cookie and CSRF token. */
  public HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path))
        .header("Cookie", "JSESSIONID=" + session + "; XSRF-TOKEN=" + token)
        .header("X-XSRF-TOKEN", token);
  }

  /** The cookies a response sets, by name. */
  public static Map<String, String> cookies(HttpResponse<?> response) {
    Map<String, String> cookies = new LinkedHashMap<>();
    for (String header : response.headers().allValues("Set-Cookie")) {
      String pair = header.split(";", 2)[0];
      int eq = pair.indexOf('=');
      cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
    return cookies;
  }
}
