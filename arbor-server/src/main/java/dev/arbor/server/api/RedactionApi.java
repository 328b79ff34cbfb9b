package dev.arbor.server.api;

import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.annotation.Blocking;
import com.linecorp.armeria.server.annotation.Delete;
import com.linecorp.armeria.server.annotation.Get;
import com.linecorp.armeria.server.annotation.Param;
import com.linecorp.armeria.server.annotation.Post;
import com.linecorp.armeria.server.annotation.ProducesJson;
import com.linecorp.armeria.server.annotation.Put;
import com.linecorp.armeria.server.annotation.StatusCode;
import dev.arbor.model.redaction.Detector;
import dev.arbor.model.redaction.RedactionRule;
import dev.arbor.model.redaction.Redactor;
import dev.arbor.model.redaction.RuleSource;
import dev.arbor.server.redaction.RedactionRules;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Redaction rules applied to spans at ingest: every rule in force with where it came from, rules set through the
 * API (global or for one project), the built-in detectors, and a preview of what the rules make of a text.
 */
@Blocking
public final class RedactionApi {
  private final RedactionRules rules;

  public RedactionApi(RedactionRules rules) {
    this.rules = rules;
  }

  record RuleDto(Long id, String name, String pattern, String project, List<String> attributes,
      List<String> effectiveAttributes, String source) {
    static RuleDto of(RedactionRule r) {
      return new RuleDto(r.source() == RuleSource.API ? r.id() : null, r.name(), r.pattern(), r.project(),
          r.attributes(), r.effectiveAttributes(), r.source().name().toLowerCase(Locale.ROOT));
    }
  }

  record RuleInput(String name, String pattern, String project, List<String> attributes) {
    RedactionRule toRule() {
      try {
        return new RedactionRule(0, ApiJson.required(name, "name").strip(), pattern, project, attributes,
            RuleSource.API);
      } catch (IllegalArgumentException e) {
        throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
      }
    }
  }

  record PreviewInput(String text, String project, String attribute) {}

  record PreviewDto(String text, int redactions) {}

  record DetectorDto(String name, String replacement) {}

  @Get("/api/redaction/rules")
  @ProducesJson
  public DataDto<List<RuleDto>> list() {
    return new DataDto<>(rules.rules().stream().map(RuleDto::of).toList());
  }

  @Post("/api/redaction/rules")
  @StatusCode(201)
  @ProducesJson
  public DataDto<RuleDto> create(AggregatedHttpRequest request) {
    return new DataDto<>(RuleDto.of(rules.create(ApiJson.read(request, RuleInput.class).toRule())));
  }

  @Put("/api/redaction/rules/{id}")
  @ProducesJson
  public DataDto<RuleDto> update(@Param("id") String id, AggregatedHttpRequest request) {
    RedactionRule rule = ApiJson.read(request, RuleInput.class).toRule();
    return new DataDto<>(RuleDto.of(rules.update(id(id), rule).orElseThrow(() -> notFound(id))));
  }

  @Delete("/api/redaction/rules/{id}")
  public HttpResponse delete(@Param("id") String id) {
    if (!rules.delete(id(id))) {
      throw notFound(id);
    }
    return HttpResponse.of(HttpStatus.NO_CONTENT);
  }

  @Get("/api/redaction/detectors")
  @ProducesJson
  public DataDto<List<DetectorDto>> detectors() {
    return new DataDto<>(Arrays.stream(Detector.values())
        .map(d -> new DetectorDto(d.kind(), "[REDACTED:" + d.kind() + "]")).toList());
  }

  /** What the rules in force make of {@code text} in {@code project}'s {@code attribute} (both optional). */
  @Post("/api/redaction/preview")
  @ProducesJson
  public DataDto<PreviewDto> preview(AggregatedHttpRequest request) {
    PreviewInput input = ApiJson.read(request, PreviewInput.class);
    Redactor.Preview preview = rules.redactor().preview(ApiJson.required(input.text(), "text"), input.project(),
        input.attribute());
    return new DataDto<>(new PreviewDto(preview.text(), preview.redactions()));
  }

  private static long id(String id) {
    return NumericIds.parse(id, "Redaction rule");
  }

  /** Rules from the file have no id: they change with the file. */
  private static ApiException notFound(String id) {
    return NumericIds.notFound(id, "Redaction rule");
  }
}
