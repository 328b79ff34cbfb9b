// Phoenix's TypeScript client (@arizeai/phoenix-client) against Arbor, unchanged: projects, spans, traces,
// sessions, annotations and notes. PHOENIX_HOST names the server; exits non-zero on the first failure.
import assert from "node:assert/strict";
import { createClient } from "@arizeai/phoenix-client";
import {
  addDocumentAnnotation, addSpanAnnotation, addSpanNote, deleteSpan, getSpanAnnotations, getSpans,
  logSpanAnnotations, logSpans,
} from "@arizeai/phoenix-client/spans";
import { addTraceAnnotation, addTraceNote, getTraces } from "@arizeai/phoenix-client/traces";
import {
  addSessionAnnotation, addSessionNote, deleteSession, getSession, getSessionTurns, listSessions,
} from "@arizeai/phoenix-client/sessions";

const client = createClient({ options: { baseUrl: process.env.PHOENIX_HOST } });
const project = { projectName: "ts-client" };
let checks = 0;
async function check(name, body) {
  try {
    await body();
    checks++;
  } catch (error) {
    console.error(`FAILED: ${name}`);
    throw error;
  }
}

const hex = (n, width) => n.toString(16).padStart(width, "0");
const t0 = Date.parse("2025-05-01T09:00:00Z");
const iso = (ms) => new Date(t0 + ms).toISOString();
function traceSpans(n, session) {
  const traceId = "feed" + hex(n + 1, 28);
  const rootId = "beef" + hex(n * 10 + 1, 12);
  return [
    { name: "agent", context: { trace_id: traceId, span_id: rootId }, span_kind: "CHAIN",
      start_time: iso(n * 1000), end_time: iso(n * 1000 + 400), status_code: "OK",
      attributes: { "input.value": `ticket ${n}`, "output.value": `answer ${n}`, "session.id": session } },
    { name: "llm", context: { trace_id: traceId, span_id: "beef" + hex(n * 10 + 2, 12) }, parent_id: rootId,
      span_kind: "LLM", start_time: iso(n * 1000 + 10), end_time: iso(n * 1000 + 200), status_code: "OK",
      attributes: { "llm.model_name": "gpt-4o-mini", "llm.token_count.total": 42 } },
    { name: "tool", context: { trace_id: traceId, span_id: "beef" + hex(n * 10 + 3, 12) }, parent_id: rootId,
      span_kind: "TOOL", start_time: iso(n * 1000 + 210), end_time: iso(n * 1000 + 300),
      status_code: n === 0 ? "ERROR" : "OK", status_message: n === 0 ? "lookup failed" : "",
      attributes: { "tool.name": "lookup" } },
  ];
}
const spans = [...traceSpans(0, "chat-1"), ...traceSpans(1, "chat-1"), ...traceSpans(2, "chat-2")];
const llmSpanId = spans[1].context.span_id;
const firstTraceId = spans[0].context.trace_id;

await check("projects: create, get, update, list, delete", async () => {
  const created = await client.POST("/v1/projects", { body: { name: "ts-client", description: "from TS" } });
  assert.equal(created.data.data.name, "ts-client");
  const other = await client.POST("/v1/projects", { body: { name: "ts-client-doomed" } });
  const got = await client.GET("/v1/projects/{project_identifier}",
    { params: { path: { project_identifier: created.data.data.id } } });
  assert.equal(got.data.data.description, "from TS");
  const updated = await client.PUT("/v1/projects/{project_identifier}",
    { params: { path: { project_identifier: "ts-client" } }, body: { description: "updated" } });
  assert.equal(updated.data.data.description, "updated");
  const list = await client.GET("/v1/projects", { params: { query: { limit: 100 } } });
  assert.ok(list.data.data.some((p) => p.name === "ts-client"));
  await client.DELETE("/v1/projects/{project_identifier}",
    { params: { path: { project_identifier: other.data.data.id } } });
  const after = await client.GET("/v1/projects", { params: { query: { limit: 100 } } });
  assert.ok(!after.data.data.some((p) => p.name === "ts-client-doomed"));
});

await check("logSpans stores spans; a repeat is refused", async () => {
  const result = await logSpans({ client, project, spans });
  assert.equal(result.totalReceived, 9);
  await assert.rejects(logSpans({ client, project, spans: spans.slice(0, 1) }));
});

await check("getSpans with Phoenix's filters", async () => {
  assert.equal((await getSpans({ client, project, limit: 100 })).spans.length, 9);
  assert.equal((await getSpans({ client, project, parentId: null })).spans.length, 3);
  assert.equal((await getSpans({ client, project, traceIds: [firstTraceId] })).spans.length, 3);
  assert.equal((await getSpans({ client, project, spanKind: "LLM" })).spans.length, 3);
  assert.equal((await getSpans({ client, project, statusCode: "ERROR" })).spans[0].status_message, "lookup failed");
  assert.equal((await getSpans({ client, project, name: ["tool", "llm"] })).spans.length, 6);
  const byAttribute = await getSpans({ client, project, attributes: { "llm.model_name": "gpt-4o-mini" } });
  assert.equal(byAttribute.spans.length, 3);
  const page = await getSpans({ client, project, limit: 4 });
  const rest = await getSpans({ client, project, limit: 100, cursor: page.nextCursor });
  assert.equal(new Set([...page.spans, ...rest.spans].map((s) => s.context.span_id)).size, 9);
});

await check("span annotations, document annotations and notes", async () => {
  const added = await addSpanAnnotation({ client, sync: true, spanAnnotation: {
    spanId: llmSpanId, name: "correctness", label: "correct", score: 1, annotatorKind: "LLM", explanation: "ok" } });
  assert.ok(added.id);
  await logSpanAnnotations({ client, sync: true, spanAnnotations: [
    { spanId: llmSpanId, name: "tone", label: "polite", annotatorKind: "CODE" },
    { spanId: llmSpanId, name: "correctness", label: "wrong", score: 0, annotatorKind: "LLM" }] });
  await addDocumentAnnotation({ client, sync: true, documentAnnotation: {
    spanId: llmSpanId, documentPosition: 0, name: "relevance", score: 0.5, annotatorKind: "LLM" } });
  await addSpanNote({ client, spanNote: { spanId: llmSpanId, note: "check the tool call" } });
  const { annotations } = await getSpanAnnotations({ client, project, spanIds: [llmSpanId] });
  const byName = Object.fromEntries(annotations.map((a) => [a.name, a]));
  assert.equal(byName.correctness.result.label, "wrong", "the same name and identifier is updated in place");
  assert.equal(byName.tone.annotator_kind, "CODE");
  assert.equal(byName.note.result.explanation, "check the tool call");
  const without = await getSpanAnnotations({ client, project, spanIds: [llmSpanId], excludeAnnotationNames: ["note"] });
  assert.equal(without.annotations.length, 2);
});

await check("getTraces with roll-ups, trace annotations and notes", async () => {
  const { traces } = await getTraces({ client, project, includeSpans: true, limit: 10 });
  assert.equal(traces.length, 3);
  const first = traces.find((t) => t.trace_id === firstTraceId);
  assert.equal(first.spans.length, 3);
  assert.equal(first.token_count_total, 42);
  const sorted = await getTraces({ client, project, sort: "latency_ms", order: "asc", limit: 1 });
  assert.equal(sorted.traces.length, 1);
  const inSession = await getTraces({ client, project, sessionId: "chat-2" });
  assert.equal(inSession.traces.length, 1);
  await addTraceAnnotation({ client, sync: true, traceAnnotation: {
    traceId: firstTraceId, name: "thumbs", label: "down", annotatorKind: "HUMAN" } });
  await addTraceNote({ client, traceNote: { traceId: firstTraceId, note: "slow" } });
  const listed = await client.GET("/v1/projects/{project_identifier}/trace_annotations",
    { params: { path: { project_identifier: "ts-client" }, query: { trace_ids: [firstTraceId] } } });
  assert.equal(listed.data.data.length, 2);
});

await check("sessions: list, get, turns, annotate, note, delete", async () => {
  const sessions = await listSessions({ client, project: "ts-client" });
  assert.deepEqual(sessions.map((s) => s.sessionId), ["chat-1", "chat-2"]);
  const session = await getSession({ client, sessionId: "chat-1" });
  assert.equal(session.traces.length, 2);
  const turns = await getSessionTurns({ client, sessionId: "chat-1" });
  assert.equal(turns.length, 2);
  await addSessionAnnotation({ client, sync: true, sessionAnnotation: {
    sessionId: "chat-1", name: "resolved", label: "yes", annotatorKind: "HUMAN" } });
  await addSessionNote({ client, sessionNote: { sessionId: "chat-1", note: "customer happy" } });
  const listed = await client.GET("/v1/projects/{project_identifier}/session_annotations",
    { params: { path: { project_identifier: "ts-client" }, query: { session_ids: ["chat-1"] } } });
  assert.equal(listed.data.data.length, 2);
  await deleteSession({ client, sessionId: "chat-2" });
  assert.equal((await listSessions({ client, project: "ts-client" })).length, 1);
});

await check("deleteSpan, and a missing span is an error", async () => {
  await deleteSpan({ client, spanIdentifier: spans[2].context.span_id });
  await assert.rejects(deleteSpan({ client, spanIdentifier: spans[2].context.span_id }));
  assert.equal((await getSpans({ client, project, limit: 100 })).spans.length, 5);
});

console.log(`phoenix-client: ${checks} checks passed`);
