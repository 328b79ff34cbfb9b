package dev.arbor.server.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The address a delivery connects to is checked when it connects, not only when its name was looked up before: a
 * name that resolves to a refused address by then (DNS rebinding) reaches nothing. Shown here with a receiver on
 * loopback, refused while private addresses are not allowed, reached through its address and through a name.
 */
class WebhookNotifierTest {
  private HttpServer receiver;
  private final AtomicInteger received = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", exchange -> {
      received.incrementAndGet();
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.start();
  }

  @AfterEach
  void stop() {
    receiver.stop(0);
  }

  private String url(String host) {
    return "http://" + host + ":" + receiver.getAddress().getPort() + "/hook";
  }

  @Test
  void aRefusedAddress_isNotConnectedTo_evenWhenTheEarlierCheckWasPassed() {
    try (WebhookNotifier notifier = new WebhookNotifier("http://arbor.test", new WebhookTargets(false))) {
      // post() is what a delivery does after its check: here nothing checked the name first.
      assertThat(notifier.post(url("127.0.0.1"), "{}")).startsWith("refused: webhook_url led to an address");
      assertThat(notifier.post(url("localhost"), "{}")).startsWith("refused: webhook_url led to an address");
    }
    assertThat(received).hasValue(0);
  }

  @Test
  void anAllowedAddress_isPostedTo() {
    try (WebhookNotifier notifier = new WebhookNotifier("http://arbor.test", new WebhookTargets(true))) {
      assertThat(notifier.post(url("127.0.0.1"), "{}")).isEqualTo("sent");
      assertThat(notifier.post(url("localhost"), "{}")).isEqualTo("sent");
    }
    assertThat(received).hasValue(2);
  }
}
