package dev.arbor.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How register() reads its settings; nothing is sent (no span is created). */
class ArborSettingsTest {

  private static ArborTracing register(Map<String, String> env) {
    return Arbor.builder().setEnvironment(env).setRegisterGlobal(false).setShutdownHook(false).register();
  }

  @Test
  void noSettings_sendsOverHttpToArborOnLocalhost6006_intoTheDefaultProject() {
    try (ArborTracing arbor = register(Map.of())) {
      assertThat(arbor.isEnabled()).isTrue();
      assertThat(arbor.projectName()).isEqualTo("default");
      assertThat(arbor.destinations()).singleElement().satisfies(d -> {
        assertThat(d.endpoint()).isEqualTo("http://localhost:6006/v1/traces");
        assertThat(d.protocol()).isEqualTo(Protocol.HTTP_PROTOBUF);
      });
    }
  }

  @Test
  void phoenixVariables_setEndpointProjectAndBearerKey() {
    try (ArborTracing arbor = register(Map.of("PHOENIX_COLLECTOR_ENDPOINT", "http://phoenix:4317",
        "PHOENIX_PROJECT_NAME", "tickets", "PHOENIX_API_KEY", "secret-key"))) {
      assertThat(arbor.projectName()).isEqualTo("tickets");
      Destination d = arbor.destinations().get(0);
      assertThat(d.endpoint()).isEqualTo("http://phoenix:4317");
      assertThat(d.protocol()).as("port 4317 is gRPC").isEqualTo(Protocol.GRPC);
      assertThat(d.headers()).containsEntry("authorization", "Bearer secret-key");
      assertThat(d.toString()).doesNotContain("secret-key");
    }
  }

  @Test
  void arborVariables_winOverPhoenixOnes_andCodeWinsOverBoth() {
    Map<String, String> env = Map.of("ARBOR_COLLECTOR_ENDPOINT", "http://arbor:6006/", "PHOENIX_COLLECTOR_ENDPOINT",
        "http://phoenix:6006", "ARBOR_PROJECT_NAME", "a", "PHOENIX_PROJECT_NAME", "p");
    try (ArborTracing arbor = register(env)) {
      assertThat(arbor.destinations().get(0).endpoint()).isEqualTo("http://arbor:6006/v1/traces");
      assertThat(arbor.projectName()).isEqualTo("a");
    }
    try (ArborTracing arbor = Arbor.builder().setEnvironment(env).setRegisterGlobal(false).setShutdownHook(false)
        .setEndpoint("http://code:9000").setProtocol(Protocol.GRPC).setProjectName("c").register()) {
      assertThat(arbor.destinations().get(0).endpoint()).isEqualTo("http://code:9000");
      assertThat(arbor.destinations().get(0).protocol()).isEqualTo(Protocol.GRPC);
      assertThat(arbor.projectName()).isEqualTo("c");
    }
  }

  @Test
  void otelVariables_followTheOtlpExporterSpecification() {
    try (ArborTracing arbor = register(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/otlp",
        "OTEL_EXPORTER_OTLP_HEADERS", "x-tenant=acme,x-note=a%20b"))) {
      Destination d = arbor.destinations().get(0);
      assertThat(d.endpoint()).isEqualTo("http://collector:4318/otlp/v1/traces");
      assertThat(d.headers()).containsEntry("x-tenant", "acme").containsEntry("x-note", "a b");
    }
    try (ArborTracing arbor = register(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317",
        "OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"))) {
      assertThat(arbor.destinations().get(0).endpoint()).isEqualTo("http://collector:4317");
      assertThat(arbor.destinations().get(0).protocol()).isEqualTo(Protocol.GRPC);
    }
    try (ArborTracing arbor = register(Map.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://c:4318/custom/path"))) {
      assertThat(arbor.destinations().get(0).endpoint()).isEqualTo("http://c:4318/custom/path");
    }
  }

  @Test
  void langfuseKeys_addLangfuseWithBasicAuth_besideArbor() {
    try (ArborTracing arbor = register(Map.of("LANGFUSE_PUBLIC_KEY", "pk-lf-1", "LANGFUSE_SECRET_KEY", "sk-lf-2",
        "LANGFUSE_BASE_URL", "http://langfuse:3000"))) {
      assertThat(arbor.destinations()).hasSize(2);
      Destination langfuse = arbor.destinations().get(1);
      assertThat(langfuse.endpoint()).isEqualTo("http://langfuse:3000/api/public/otel/v1/traces");
      assertThat(langfuse.headers()).containsEntry("Authorization",
          "Basic " + Base64.getEncoder().encodeToString("pk-lf-1:sk-lf-2".getBytes()));
    }
    assertThatThrownBy(() -> register(Map.of("LANGFUSE_PUBLIC_KEY", "pk-lf-1")))
        .hasMessage("LANGFUSE_SECRET_KEY is not set, but LANGFUSE_PUBLIC_KEY is: Langfuse needs both");
  }

  @Test
  void tracingOff_makesEveryTracerANoOp() {
    try (ArborTracing arbor = register(Map.of("ARBOR_TRACING_ENABLED", "false"))) {
      assertThat(arbor.isEnabled()).isFalse();
      assertThat(arbor.destinations()).isEmpty();
      try (var span = arbor.tracer("t").llm("call").start()) {
        assertThat(span.span().isRecording()).isFalse();
      }
    }
    try (ArborTracing arbor = register(Map.of("OTEL_SDK_DISABLED", "true"))) {
      assertThat(arbor.isEnabled()).isFalse();
    }
  }

  @Test
  void settingsThatCannotBeRead_failAtStartNamingTheVariable() {
    assertThatThrownBy(() -> register(Map.of("ARBOR_TRACING_ENABLED", "sometimes")))
        .hasMessage("ARBOR_TRACING_ENABLED must be true or false: sometimes");
    assertThatThrownBy(() -> register(Map.of("PHOENIX_COLLECTOR_ENDPOINT", "localhost:6006")))
        .hasMessageStartingWith("PHOENIX_COLLECTOR_ENDPOINT: endpoint must be an http:// or https:// address");
    assertThatThrownBy(() -> register(Map.of("ARBOR_SAMPLING_RATIO", "1.5")))
        .hasMessage("ARBOR_SAMPLING_RATIO must be between 0 and 1: 1.5");
    assertThatThrownBy(() -> register(Map.of("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json")))
        .hasMessage("OTEL_EXPORTER_OTLP_PROTOCOL: protocol must be grpc or http/protobuf: http/json");
    assertThatThrownBy(() -> register(Map.of("OTEL_EXPORTER_OTLP_HEADERS", "authorization")))
        .hasMessageStartingWith("OTEL_EXPORTER_OTLP_HEADERS must be a list of key=value pairs");
    assertThatThrownBy(() -> register(Map.of("OTEL_EXPORTER_OTLP_HEADERS", "a=1,secret-token")))
        .hasMessage("OTEL_EXPORTER_OTLP_HEADERS must be a list of key=value pairs; entry 2 has no key=");
  }

  @Test
  void samplingRatioZero_keepsNoTrace() {
    try (ArborTracing arbor = register(Map.of("ARBOR_SAMPLING_RATIO", "0"))) {
      try (var span = arbor.tracer("t").chain("root").start()) {
        assertThat(span.span().isRecording()).isFalse();
      }
    }
  }
}
