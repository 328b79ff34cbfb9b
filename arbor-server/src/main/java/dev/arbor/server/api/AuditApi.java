package dev.arbor.server.api;

import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.server.annotation.Blocking;
import com.linecorp.armeria.server.annotation.Get;
import com.linecorp.armeria.server.annotation.Post;
import com.linecorp.armeria.server.annotation.ProducesJson;
import dev.arbor.store.AuditEntry;
import dev.arbor.store.AuditStore;
import dev.arbor.store.AuditVerification;
import java.time.Instant;
import java.util.List;

/**
 * The audit trail: read a page of it, export all of it for an inspector (JSON Lines or CSV), and verify its hash
 * chain.
 */
@Blocking
public final class AuditApi {
  private static final int EXPORT_PAGE = 1000;
  private final AuditStore audit;

  public AuditApi(AuditStore audit) {
    this.audit = audit;
  }

  record EntryDto(long seq, String at, String actor, String origin, String action, String target, String reason,
      String detail, String prevHash, String hash) {
    static EntryDto of(AuditEntry e) {
      return new EntryDto(e.seq(), Instant.ofEpochMilli(e.atMillis()).toString(), e.actor(), e.origin(), e.action(),
          e.target(), e.reason(), e.detail(), e.prevHash(), e.hash());
    }
  }

  record VerificationDto(boolean intact, long entries, String headHash, Long firstBadSeq, String problem,
      long spans) {
    static VerificationDto of(AuditVerification v) {
      return new VerificationDto(v.intact(), v.entries(), v.headHash(), v.intact() ? null : v.firstBadSeq(),
          v.problem(), v.spans());
    }
  }

  /** Entries numbered above {@code after} (default 0), at most {@code limit} (1 to 1000, default 100). */
  @Get("/api/audit")
  @ProducesJson
  public PageDto<EntryDto> list(ServiceRequestContext ctx) {
    Params params = Params.of(ctx);
    long after = after(params.get("after"));
    int limit = params.limit(100, 1000);
    List<AuditEntry> page = audit.list(after, limit);
    String next = page.size() == limit ? Long.toString(page.get(page.size() - 1).seq()) : null;
    return new PageDto<>(page.stream().map(EntryDto::of).toList(), next);
  }

  /** Every entry, oldest first, as JSON Lines ({@code format=jsonl}, the default) or CSV ({@code format=csv}). */
  @Get("/api/audit/export")
  public HttpResponse export(ServiceRequestContext ctx) throws Exception {
    String format = Params.of(ctx).get("format");
    boolean csv = "csv".equals(format);
    if (format != null && !csv && !"jsonl".equals(format)) {
      throw new ApiException(HttpStatus.BAD_REQUEST, "format must be jsonl or csv: " + format);
    }
    StringBuilder out = new StringBuilder();
    if (csv) {
      out.append("seq,at,actor,origin,action,target,reason,detail,prev_hash,hash\n");
    }
    long after = 0;
    while (true) {
      List<AuditEntry> page = audit.list(after, EXPORT_PAGE);
      for (AuditEntry e : page) {
        EntryDto d = EntryDto.of(e);
        if (csv) {
          out.append(d.seq()).append(',').append(cell(d.at())).append(',').append(cell(d.actor())).append(',')
              .append(cell(d.origin())).append(',').append(cell(d.action())).append(',').append(cell(d.target()))
              .append(',').append(cell(d.reason())).append(',').append(cell(d.detail())).append(',')
              .append(d.prevHash()).append(',').append(d.hash()).append('\n');
        } else {
          out.append(ApiJson.MAPPER.writeValueAsString(d)).append('\n');
        }
        after = e.seq();
      }
      if (page.size() < EXPORT_PAGE) {
        break;
      }
    }
    MediaType type = csv ? MediaType.CSV_UTF_8 : MediaType.parse("application/x-ndjson; charset=utf-8");
    return HttpResponse.of(ResponseHeaders.builder(HttpStatus.OK).contentType(type)
        .add("content-disposition", "attachment; filename=\"arbor-audit." + (csv ? "csv" : "jsonl") + "\"")
        .build(), com.linecorp.armeria.common.HttpData.ofUtf8(out.toString()));
  }

  /**
   * Walks the whole chain; {@code intact} false names the first entry that no longer matches. With
   * {@code expect=<seq>:<hash>} (a head kept from an earlier run) that entry must still be there with that hash,
   * which also finds a log cut short or rewritten and re-sealed from some entry on.
   */
  @Post("/api/audit/verify")
  @ProducesJson
  public DataDto<VerificationDto> verify(ServiceRequestContext ctx) {
    AuditVerification result = AuditVerification.of(audit);
    String expect = Params.of(ctx).get("expect");
    if (result.intact() && expect != null) {
      String[] parts = expect.split(":", 2);
      long seq;
      try {
        seq = Long.parseLong(parts[0]);
      } catch (NumberFormatException e) {
        throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "expect must be <entry number>:<hash>: " + expect);
      }
      if (parts.length != 2 || seq < 1) {
        throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "expect must be <entry number>:<hash>: " + expect);
      }
      List<AuditEntry> kept = audit.list(seq - 1, 1);
      if (kept.isEmpty() || kept.get(0).seq() != seq) {
        result = result.withProblem(seq, "entry " + seq + " is gone: the log was cut short after entry "
            + result.entries());
      } else if (!kept.get(0).hash().equals(parts[1])) {
        result = result.withProblem(seq, "entry " + seq + " no longer has the hash that was kept: the log was"
            + " rewritten and sealed again from there or before");
      }
    }
    return new DataDto<>(VerificationDto.of(result));
  }

  private static long after(String value) {
    if (value == null) {
      return 0;
    }
    try {
      long after = Long.parseLong(value);
      if (after >= 0) {
        return after;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "after must be an entry number (0 or more): " + value);
  }

  /** A CSV cell; one a spreadsheet would read as a formula (=, +, -, @ first) is kept as text with a leading '. */
  private static String cell(String value) {
    if (value == null) {
      return "";
    }
    String text = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    return text.contains(",") || text.contains("\"") || text.contains("\n")
        ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
  }
}
