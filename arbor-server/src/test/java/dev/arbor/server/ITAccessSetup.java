package dev.arbor.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.arbor.server.access.AccessService;
import dev.arbor.server.config.AuthConfig;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The first admin of a server started with access control on and no admin password: the one-time set-up link. */
class ITAccessSetup {
  private static final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  static {
    logs.start();
    ((Logger) LoggerFactory.getLogger(AccessService.class)).addAppender(logs);
  }

  @org.junit.jupiter.api.extension.RegisterExtension
  static final RunningServer running = RunningServer.create(c -> c.withAuth(new AuthConfig(true, "admin", "", 12, false)));

  @Test
  void theLinkPrintedAtStart_makesTheFirstAdminOnce() {
    ApiClient api = running.api();
    assertThat(ApiClient.json(api.get("/api/auth/status")).path("setup_required").asBoolean()).isTrue();
    String line = logs.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains("/setup?token="))
        .findFirst().orElseThrow();
    Matcher token = Pattern.compile("/setup\\?token=([A-Za-z0-9_-]+)").matcher(line);
    assertThat(token.find()).isTrue();
    assertThat(line).startsWith("Access control is on and there is no user yet")
        .contains("http://127.0.0.1:" + running.server().httpPort() + "/setup?token=");

    assertThat(api.send("POST", "/api/auth/setup", "{\"token\":\"guess\",\"username\":\"ada\",\"password\":"
        + "\"a long enough password\"}").statusCode()).isEqualTo(403);
    assertThat(api.send("POST", "/api/auth/setup", "{\"token\":\"" + token.group(1) + "\",\"username\":\"ada\","
        + "\"password\":\"short\"}").statusCode()).as("the password rule holds").isEqualTo(422);
    HttpResponse<byte[]> made = api.send("POST", "/api/auth/setup", "{\"token\":\"" + token.group(1)
        + "\",\"username\":\"ada\",\"password\":\"a long enough password\"}");
    assertThat(made.statusCode()).as(ApiClient.text(made)).isEqualTo(201);
    assertThat(ApiClient.json(made).at("/data/role").asText()).isEqualTo("admin");
    String cookie = made.headers().firstValue("set-cookie").orElseThrow().split(";")[0];
    assertThat(ApiClient.json(api.send("GET", "/api/auth/me", null, "Cookie", cookie)).at("/data/username").asText())
        .isEqualTo("ada");

    assertThat(api.send("POST", "/api/auth/setup", "{\"token\":\"" + token.group(1) + "\",\"username\":\"eve\","
        + "\"password\":\"a long enough password\"}").statusCode()).as("used once").isEqualTo(403);
    assertThat(ApiClient.json(api.get("/api/auth/status")).path("setup_required").asBoolean()).isFalse();
    assertThat(api.get("/v1/projects").statusCode()).isEqualTo(401);
  }
}
