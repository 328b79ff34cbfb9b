package dev.arbor.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.Status;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every kind of bad request gets a clear answer, nothing valid is lost, and the server keeps serving. */
class ITBadInput {
  private static final int MAX_REQUEST = 1 << 20;
  @RegisterExtension
  static final RunningServer running = RunningServer.create(config -> config.withMaxRequestBytes(MAX_REQUEST));

  @AfterEach
  void serverStillServes() {
    byte[] body = OtlpRequests.llmSpans("still-ok", System.nanoTime() & 0xffffff, 1, 10).toByteArray();
    assertThat(running.api().post("/v1/traces", "application/x-protobuf", body).statusCode()).isEqualTo(200);
  }

  private static byte[] gzip(byte[] bytes) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }

  @Test
  void malformedJson_is400WithAStatusSayingWhy() {
    HttpResponse<byte[]> response = running.api().post("/v1/traces", "application/json",
        "{\"resourceSpans\": [".getBytes(StandardCharsets.UTF_8));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(ApiClient.text(response)).contains("body is not valid JSON");
  }

  @Test
  void garbageProtobuf_is400WithAProtobufStatus() throws Exception {
    HttpResponse<byte[]> response = running.api().post("/v1/traces", "application/x-protobuf",
        new byte[] {(byte) 0xff, (byte) 0xff, 0x01, 0x02});

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Status.parseFrom(response.body()).getMessage()).startsWith("body is not a protobuf");
  }

  @Test
  void unsupportedContentType_is415() {
    HttpResponse<byte[]> response = running.api().post("/v1/traces", "text/plain", "hello".getBytes(StandardCharsets.UTF_8));

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(ApiClient.text(response)).contains("application/x-protobuf");
  }

  @Test
  void unsupportedContentEncoding_is415() {
    HttpResponse<byte[]> response = running.api().post("/v1/traces", "application/json", "{}".getBytes(StandardCharsets.UTF_8),
        "Content-Encoding", "br");

    assertThat(response.statusCode()).isEqualTo(415);
  }

  @Test
  void bodyOverTheLimit_is413() {
    byte[] body = OtlpRequests.llmSpans("big", 0, 200, 5000).toByteArray();
    assertThat(body.length).isGreaterThan(MAX_REQUEST);

    assertThat(running.api().post("/v1/traces", "application/x-protobuf", body).statusCode()).isEqualTo(413);
  }

  @Test
  void gzipThatInflatesPastTheLimit_is413() throws Exception {
    byte[] bomb = gzip(new byte[MAX_REQUEST * 8]);
    assertThat(bomb.length).isLessThan(MAX_REQUEST);

    HttpResponse<byte[]> response = running.api().post("/v1/traces", "application/x-protobuf", bomb, "Content-Encoding", "gzip");

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(Status.parseFrom(response.body()).getMessage()).contains("inflates past the limit");
  }

  @Test
  void brokenGzip_is400() {
    HttpResponse<byte[]> response = running.api().post("/v1/traces", "application/json",
        "not gzip at all".getBytes(StandardCharsets.UTF_8), "Content-Encoding", "gzip");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(ApiClient.text(response)).contains("not valid gzip");
  }

  @Test
  void gzippedJson_isAccepted() throws Exception {
    byte[] fixture = ITOtlpIngest.fixture("llm-trace.json", "2b8efff798038103d269b633813fc60c");

    HttpResponse<byte[]> response = running.api().post("/v1/traces", "application/json", gzip(fixture),
        "Content-Encoding", "gzip", "x-project-name", "gzipped-json");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(running.api().allSpans("gzipped-json")).hasSize(2);
  }

  @Test
  void restApi_unknownProjectIs404_badCursorAndLimitAre422() {
    assertThat(running.api().get("/v1/projects/nobody/spans").statusCode()).isEqualTo(404);
    assertThat(ApiClient.text(running.api().get("/v1/projects/nobody/spans"))).contains("nobody");
    assertThat(running.api().get("/v1/projects?cursor=garbage").statusCode()).isEqualTo(422);
    assertThat(running.api().get("/v1/projects?limit=0").statusCode()).isEqualTo(422);
    assertThat(running.api().get("/v1/projects?limit=100000").statusCode()).isEqualTo(422);
    assertThat(ApiClient.text(running.api().get("/v1/projects?limit=abc"))).contains("limit must be");
    assertThat(running.api().get("/v1/projects/still-ok/spans?start_time=yesterday").statusCode()).isEqualTo(422);
  }
}
