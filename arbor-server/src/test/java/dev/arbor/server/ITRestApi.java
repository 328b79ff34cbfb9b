package dev.arbor.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Phoenix's REST API v1 over HTTP against a real server: every endpoint, its errors and its paging. */
class ITRestApi {
  @RegisterExtension
  static final RunningServer running = RunningServer.create();

  private static ApiClient api() {
    return running.api();
  }

  private static String q(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static HttpResponse<byte[]> log(String project, RestSpans spans) {
    return api().send("POST", "/v1/projects/" + project + "/spans", spans.json());
  }

  /** A trace of test {@code t}: a CHAIN root with an LLM child and a failing TOOL child. */
  private static RestSpans trace(int t, int n, long startMs, String session) {
    String traceId = RestSpans.traceId(t, n);
    String root = RestSpans.spanId(t, n * 10);
    Map<String, Object> rootAttributes = session == null ? Map.of("input.value", "question " + n)
        : Map.of("input.value", "question " + n, "session.id", session);
    return new RestSpans()
        .add(traceId, root, null, "agent", "CHAIN", startMs, 300, "OK", rootAttributes)
        .add(traceId, RestSpans.spanId(t, n * 10 + 1), root, "llm", "LLM", startMs + 10, 100, "OK",
            Map.of("llm", Map.of("model_name", "gpt-4o", "token_count", Map.of("prompt", 10, "completion", 5,
                "total", 15))))
        .add(traceId, RestSpans.spanId(t, n * 10 + 2), root, "tool", "TOOL", startMs + 120, 50, n % 2 == 0 ? "ERROR" : "OK",
            Map.of("tool.name", "lookup", "retries", n));
  }

  private static void assertStatus(HttpResponse<byte[]> response, int status, String textContains) {
    assertThat(response.statusCode()).as(ApiClient.text(response)).isEqualTo(status);
    if (textContains != null) {
      assertThat(ApiClient.text(response)).contains(textContains);
    }
  }

  @Test
  void projects_createGetUpdateListAndDelete() {
    HttpResponse<byte[]> created = api().send("POST", "/v1/projects", "{\"name\":\"crud\",\"description\":\"first\"}");
    assertStatus(created, 200, null);
    String id = ApiClient.json(created).at("/data/id").asText();

    assertStatus(api().send("POST", "/v1/projects", "{\"name\":\"crud\"}"), 409, "exists already");
    assertStatus(api().send("POST", "/v1/projects", "{\"description\":\"x\"}"), 422, "name is required");
    assertStatus(api().send("POST", "/v1/projects", "{\"name\":\"a/b\"}"), 422, "cannot contain");
    assertStatus(api().send("POST", "/v1/projects", "not json"), 422, "not valid JSON");
    assertThat(api().getJson("/v1/projects/" + q(id)).at("/data/name").asText()).isEqualTo("crud");
    JsonNode updated = ApiClient.json(api().send("PUT", "/v1/projects/crud", "{\"description\":\"second\"}"));
    assertThat(updated.at("/data/description").asText()).isEqualTo("second");
    assertThat(api().getJson("/v1/projects?name_contains=cru").get("data")).extracting(p -> p.get("name").asText())
        .containsExactly("crud");

    assertStatus(api().send("DELETE", "/v1/projects/crud", null), 204, null);
    assertStatus(api().send("GET", "/v1/projects/crud", null), 404, "Project not found: crud");
    assertStatus(api().send("DELETE", "/v1/projects/nope", null), 404, "Project not found");
    api().send("POST", "/v1/projects", "{\"name\":\"default\"}");
    assertStatus(api().send("DELETE", "/v1/projects/default", null), 403, "default project cannot be deleted");
  }

  @Test
  void spans_loggedAsJson_areAllOrNothing() {
    assertStatus(log("logged", trace(1, 0, 0, null)), 202, "\"total_received\":3");
    assertThat(api().allSpans("logged")).hasSize(3);

    RestSpans again = trace(1, 0, 0, null).add(RestSpans.traceId(1, 9), "zz", null, "bad", "CHAIN", 0, 1, "OK", Map.of());
    HttpResponse<byte[]> refused = log("logged", again);

    assertStatus(refused, 400, "duplicate_spans");
    assertThat(ApiClient.text(refused)).contains("context.span_id must be 16 hex digits");
    assertThat(api().allSpans("logged")).as("nothing of a refused request is stored").hasSize(3);
  }

  @Test
  void spans_filterByEveryPhoenixParameterAndByExpression() {
    log("filters", trace(2, 0, 0, null));
    log("filters", trace(2, 1, 1000, null));
    String base = "/v1/projects/filters/spans?";

    assertThat(names(base + "parent_id=null")).containsOnly("agent").hasSize(2);
    assertThat(names(base + "span_kind=LLM&span_kind=TOOL")).containsOnly("llm", "tool").hasSize(4);
    assertThat(names(base + "status_code=ERROR")).containsExactly("tool");
    assertThat(names(base + "name=llm")).hasSize(2);
    assertThat(names(base + "trace_id=" + RestSpans.traceId(2, 1))).hasSize(3);
    assertThat(names(base + "span_id=" + RestSpans.spanId(2, 11))).containsExactly("llm");
    assertThat(names(base + "parent_id=" + RestSpans.spanId(2, 0))).containsOnly("llm", "tool");
    assertThat(names(base + "attribute=" + q("llm.model_name:\"gpt-4o\""))).hasSize(2);
    assertThat(names(base + "attribute=" + q("retries:1"))).containsExactly("tool");
    assertThat(names(base + "filter=" + q("span_kind == 'TOOL' and attributes['retries'] >= 1"))).containsExactly("tool");
    assertThat(names(base + "start_time=" + q("2025-03-01T10:00:01Z"))).hasSize(3);
    assertThat(names(base + "end_time=" + q("2025-03-01T10:00:01Z"))).hasSize(3);
  }

  private static List<String> names(String path) {
    List<String> names = new ArrayList<>();
    api().getJson(path).get("data").forEach(s -> names.add(s.get("name").asText()));
    return names;
  }

  @Test
  void spans_badInput_isRefusedWithTheReason() {
    log("bad", trace(3, 0, 0, null));
    String base = "/v1/projects/bad/spans";

    assertStatus(api().get(base + "?filter=" + q("span_kind == 'LLM' and latncy_ms > 5")), 400,
        "unknown name 'latncy_ms'; did you mean 'latency_ms'? (at position 23)");
    assertStatus(api().get(base + "?cursor=garbage"), 422, "Invalid cursor");
    assertStatus(api().get(base + "?limit=0"), 422, "limit must be");
    assertStatus(api().get(base + "?limit=1001"), 422, "limit must be");
    assertStatus(api().get(base + "?start_time=yesterday"), 422, "start_time must be an ISO-8601");
    assertStatus(api().get(base + "?attribute=novalue"), 422, "attribute must be key:value");
    assertStatus(api().get("/v1/projects/unknown/spans"), 404, "Project not found: unknown");
    assertStatus(api().send("DELETE", "/v1/spans/00000000000000aa", null), 404, "Span not found");
  }

  @Test
  void spans_pageThroughThousandsWithoutLossOrRepeat() {
    for (int batch = 0; batch < 3; batch++) {
      RestSpans spans = new RestSpans();
      for (int i = 0; i < 1000; i++) {
        int n = batch * 1000 + i;
        spans.add(RestSpans.traceId(4, n), RestSpans.spanId(4, n), null, "s" + n, "CHAIN", n, 1, "OK", Map.of());
      }
      assertStatus(log("paging", spans), 202, null);
    }
    Set<String> seen = new HashSet<>();
    int pages = 0;
    String cursor = null;
    do {
      JsonNode page = api().getJson("/v1/projects/paging/spans?limit=333" + (cursor == null ? "" : "&cursor=" + q(cursor)));
      page.get("data").forEach(s -> assertThat(seen.add(s.at("/context/span_id").asText())).isTrue());
      cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
      pages++;
    } while (cursor != null);
    assertThat(seen).hasSize(3000);
    assertThat(pages).isEqualTo(10);
  }

  @Test
  void spanQuery_returnsTheRowsAFilterConditionSelects() {
    log("query", trace(5, 0, 0, null));
    log("query", trace(5, 1, 1000, null));

    JsonNode result = ApiClient.json(api().send("POST", "/v1/spans?project_name=query",
        "{\"queries\":[{\"filter\":{\"condition\":\"span_kind == 'LLM'\"}},{}],\"limit\":100}"));

    assertThat(result.at("/data/0")).hasSize(2);
    assertThat(result.at("/data/0/0/attributes.llm.model_name").asText()).isEqualTo("gpt-4o");
    assertThat(result.at("/data/1")).hasSize(6);
    JsonNode roots = ApiClient.json(api().send("POST", "/v1/spans?project_name=query", "{\"root_spans_only\":true}"));
    assertThat(roots.at("/data/0")).hasSize(2);
    assertStatus(api().send("POST", "/v1/spans?project_name=query",
        "{\"queries\":[{\"filter\":{\"condition\":\"span_kind = 'LLM'\"}}]}"), 400, "Invalid filter");
    assertStatus(api().send("POST", "/v1/spans?project_name=nowhere", "{}"), 404, "Project not found");
  }

  @Test
  void traces_rollUpTheirSpans_evenWhenChildrenArriveFirst() {
    RestSpans whole = trace(6, 0, 0, "sess-1");
    RestSpans children = new RestSpans();
    RestSpans root = new RestSpans();
    // Split one trace: its children are logged before its root.
    String traceId = RestSpans.traceId(6, 0);
    children.add(traceId, RestSpans.spanId(6, 1), RestSpans.spanId(6, 0), "llm", "LLM", 10, 100, "OK",
        Map.of("llm.token_count.total", 15, "llm.token_count.prompt", 10, "llm.token_count.completion", 5));
    children.add(traceId, RestSpans.spanId(6, 2), RestSpans.spanId(6, 0), "tool", "TOOL", 120, 50, "ERROR", Map.of());
    root.add(traceId, RestSpans.spanId(6, 0), null, "agent", "CHAIN", 0, 300, "OK", Map.of("session.id", "sess-1"));
    assertThat(whole).isNotNull();
    log("traces", children);
    log("traces", root);
    log("traces", trace(6, 1, 1000, "sess-2"));

    JsonNode page = api().getJson("/v1/projects/traces/traces?include_spans=true");

    assertThat(page.get("data")).hasSize(2);
    JsonNode first = page.at("/data/1");
    assertThat(first.get("trace_id").asText()).isEqualTo(traceId);
    assertThat(first.get("token_count_total").asLong()).isEqualTo(15);
    assertThat(first.get("error_count").asLong()).isEqualTo(1);
    assertThat(first.get("span_count").asLong()).isEqualTo(3);
    assertThat(first.get("spans")).hasSize(3);
    assertThat(api().getJson("/v1/projects/traces/traces").at("/data/0/spans").isNull()).isTrue();
    assertThat(api().getJson("/v1/projects/traces/traces?sort=latency_ms&order=asc&limit=1").get("data")).hasSize(1);
    assertThat(api().getJson("/v1/projects/traces/traces?filter=" + q("error_count > 0 and span_count == 3"))
        .get("data")).hasSize(1);
    assertThat(api().getJson("/v1/projects/traces/traces?session_identifier=sess-2").at("/data/0/trace_id").asText())
        .isEqualTo(RestSpans.traceId(6, 1));
    assertStatus(api().get("/v1/projects/traces/traces?sort=name"), 422, "sort must be one of");
    assertStatus(api().get("/v1/projects/traces/traces?filter=" + q("span_id == 'x'")), 400, "unknown name 'span_id'");

    assertStatus(api().send("DELETE", "/v1/traces/" + traceId, null), 204, null);
    assertStatus(api().send("DELETE", "/v1/traces/" + traceId, null), 404, "Trace not found");
    String globalId = api().getJson("/v1/projects/traces/traces").at("/data/0/id").asText();
    assertStatus(api().send("DELETE", "/v1/traces/" + q(globalId), null), 204, null);
    assertThat(api().allSpans("traces")).isEmpty();
  }

  @Test
  void sessions_listGetAndDelete() {
    log("sessions", trace(7, 0, 0, "conv-a"));
    log("sessions", trace(7, 1, 1000, "conv-b"));
    log("sessions", trace(7, 2, 2000, "conv-a"));

    JsonNode list = api().getJson("/v1/projects/sessions/sessions");
    assertThat(list.get("data")).extracting(s -> s.get("session_id").asText()).containsExactly("conv-a", "conv-b");
    JsonNode a = list.at("/data/0");
    assertThat(a.get("traces")).hasSize(2);
    assertThat(a.get("token_count_total").asLong()).isEqualTo(30);
    assertThat(api().getJson("/v1/projects/sessions/sessions?order=desc&limit=1").at("/data/0/session_id").asText())
        .isEqualTo("conv-b");
    assertThat(api().getJson("/v1/sessions/" + q(a.get("id").asText())).at("/data/session_id").asText())
        .isEqualTo("conv-a");
    assertThat(api().getJson("/v1/sessions/conv-b").at("/data/traces/0/trace_id").asText())
        .isEqualTo(RestSpans.traceId(7, 1));

    assertStatus(api().send("POST", "/v1/sessions/delete", "{\"session_identifiers\":[]}"), 422, "must not be empty");
    assertStatus(api().send("POST", "/v1/sessions/delete",
        "{\"session_identifiers\":[\"conv-a\",\"" + a.get("id").asText() + "\"]}"), 422, "not a mix");
    assertStatus(api().send("DELETE", "/v1/sessions/conv-b", null), 204, null);
    assertStatus(api().send("POST", "/v1/sessions/delete", "{\"session_identifiers\":[\"conv-a\",\"unknown\"]}"), 204,
        null);
    assertStatus(api().get("/v1/sessions/conv-a"), 404, "Session not found");
    assertThat(api().allSpans("sessions")).isEmpty();
  }

  @Test
  void annotationsAndNotes_upsertListAndFilter() {
    log("notes", trace(8, 0, 0, "talk"));
    String span = RestSpans.spanId(8, 1);
    String traceId = RestSpans.traceId(8, 0);
    String body = "{\"data\":[{\"span_id\":\"" + span + "\",\"name\":\"correctness\",\"annotator_kind\":\"LLM\","
        + "\"result\":{\"label\":\"correct\",\"score\":%s,\"explanation\":\"fine\"},\"metadata\":{\"model\":\"judge\"}}]}";

    JsonNode first = ApiClient.json(api().send("POST", "/v1/span_annotations", body.formatted("0.5")));
    JsonNode second = ApiClient.json(api().send("POST", "/v1/span_annotations?sync=true", body.formatted("0.9")));
    assertThat(second.at("/data/0/id")).isEqualTo(first.at("/data/0/id"));
    assertStatus(api().send("POST", "/v1/trace_annotations", "{\"data\":[{\"trace_id\":\"" + traceId
        + "\",\"name\":\"thumbs\",\"annotator_kind\":\"HUMAN\",\"result\":{\"label\":\"up\"}}]}"), 200, null);
    assertStatus(api().send("POST", "/v1/session_annotations", "{\"data\":[{\"session_id\":\"talk\","
        + "\"name\":\"resolved\",\"annotator_kind\":\"CODE\",\"result\":{\"score\":1}}]}"), 200, null);
    assertStatus(api().send("POST", "/v1/document_annotations", "{\"data\":[{\"span_id\":\"" + span
        + "\",\"document_position\":0,\"name\":\"relevance\",\"annotator_kind\":\"LLM\",\"result\":{\"score\":0.3}}]}"),
        200, null);
    assertThat(ApiClient.json(api().send("POST", "/v1/span_notes", "{\"data\":{\"span_id\":\"" + span
        + "\",\"note\":\"looks odd\"}}")).at("/data/id").asText()).isNotEmpty();
    assertStatus(api().send("POST", "/v1/trace_notes", "{\"data\":{\"trace_id\":\"" + traceId + "\",\"note\":\"n\"}}"),
        200, null);
    assertStatus(api().send("POST", "/v1/session_notes", "{\"data\":{\"session_id\":\"talk\",\"note\":\"n\"}}"), 200,
        null);

    JsonNode spanAnnotations = api().getJson("/v1/projects/notes/span_annotations?span_ids=" + span);
    assertThat(spanAnnotations.get("data")).extracting(a -> a.get("name").asText())
        .containsExactlyInAnyOrder("correctness", "note");
    JsonNode correctness = api().getJson("/v1/projects/notes/span_annotations?span_ids=" + span
        + "&exclude_annotation_names=note").at("/data/0");
    assertThat(correctness.at("/result/score").asDouble()).isEqualTo(0.9);
    assertThat(correctness.at("/metadata/model").asText()).isEqualTo("judge");
    assertThat(correctness.get("span_id").asText()).isEqualTo(span);
    assertThat(api().getJson("/v1/projects/notes/trace_annotations?trace_ids=" + traceId).get("data")).hasSize(2);
    assertThat(api().getJson("/v1/projects/notes/session_annotations?session_ids=talk").get("data")).hasSize(2);
    assertThat(names("/v1/projects/notes/spans?filter=" + q("annotations['correctness'].score > 0.8")))
        .containsExactly("llm");

    assertStatus(api().send("POST", "/v1/span_annotations", "{\"data\":[{\"span_id\":\"00000000000000ee\","
        + "\"name\":\"x\",\"annotator_kind\":\"LLM\"}]}"), 404, "Span not found: 00000000000000ee");
    assertStatus(api().send("POST", "/v1/span_annotations", "{\"data\":[{\"span_id\":\"" + span
        + "\",\"name\":\"note\",\"annotator_kind\":\"LLM\"}]}"), 400, "reserved for notes");
    assertStatus(api().send("POST", "/v1/span_annotations", "{\"data\":[{\"span_id\":\"" + span
        + "\",\"name\":\"x\",\"annotator_kind\":\"ROBOT\"}]}"), 422, "annotator_kind must be");
    assertStatus(api().send("POST", "/v1/span_annotations", "{\"data\":[{\"name\":\"x\",\"annotator_kind\":\"LLM\"}]}"),
        422, "data[0].span_id is required");
  }

  @Test
  void deletingASpan_byHexOrGlobalId() {
    log("deletes", trace(9, 0, 0, null));
    JsonNode spans = api().getJson("/v1/projects/deletes/spans");
    String global = spans.at("/data/0/id").asText();

    assertStatus(api().send("DELETE", "/v1/spans/" + q(global), null), 204, null);
    assertStatus(api().send("DELETE", "/v1/spans/" + RestSpans.spanId(9, 0), null), 204, null);
    assertThat(api().allSpans("deletes")).hasSize(1);
  }
}
