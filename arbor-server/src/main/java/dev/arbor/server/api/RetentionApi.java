package dev.arbor.server.api;

import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.server.annotation.Blocking;
import com.linecorp.armeria.server.annotation.Delete;
import com.linecorp.armeria.server.annotation.Get;
import com.linecorp.armeria.server.annotation.Param;
import com.linecorp.armeria.server.annotation.Post;
import com.linecorp.armeria.server.annotation.ProducesJson;
import com.linecorp.armeria.server.annotation.Put;
import dev.arbor.server.access.Principal;
import dev.arbor.server.retention.Retention;
import dev.arbor.store.RetentionPolicy;
import dev.arbor.store.RetentionStore;
import dev.arbor.store.StorageUsage;
import java.util.List;

/**
 * Retention: each project's policy (set, removed, applied now) and what the projects take on disk. A deletion is
 * recorded in the audit trail twice: the request (who and why) and the store's entry of what it removed.
 */
@Blocking
public final class RetentionApi {
  private final RetentionStore store;
  private final Retention retention;
  private final Identifiers ids;

  public RetentionApi(RetentionStore store, Retention retention, Identifiers ids) {
    this.store = store;
    this.retention = retention;
    this.ids = ids;
  }

  record PolicyDto(String project, Integer maxAgeDays, Long maxSpans) {
    static PolicyDto of(RetentionPolicy p) {
      return new PolicyDto(p.project(), p.maxAgeDays(), p.maxSpans());
    }
  }

  record PolicyInput(Integer maxAgeDays, Long maxSpans, String reason) {}

  record OutcomeDto(String project, String before, long deletedSpans) {}

  record UsageDto(long databaseBytes, List<ProjectUsageDto> projects) {}

  record ProjectUsageDto(String project, long spans, long spanBytes, double share) {}

  @Get("/api/retention")
  @ProducesJson
  public DataDto<List<PolicyDto>> list(ServiceRequestContext ctx) {
    Principal caller = Principal.of(ctx);
    return new DataDto<>(store.list().stream().filter(p -> caller.canRead(p.project())).map(PolicyDto::of)
        .toList());
  }

  @Put("/api/projects/{project}/retention")
  @ProducesJson
  public DataDto<PolicyDto> set(@Param("project") String identifier, AggregatedHttpRequest request) {
    String project = ids.project(identifier).name();
    PolicyInput input = ApiJson.read(request, PolicyInput.class);
    RetentionPolicy policy;
    try {
      policy = new RetentionPolicy(project, input.maxAgeDays(), input.maxSpans());
    } catch (IllegalArgumentException e) {
      throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
    }
    return new DataDto<>(PolicyDto.of(store.set(policy).orElseThrow(() -> notFound(identifier))));
  }

  @Delete("/api/projects/{project}/retention")
  public HttpResponse clear(@Param("project") String identifier) {
    if (!store.clear(ids.project(identifier).name())) {
      throw new ApiException(HttpStatus.NOT_FOUND, "Project " + identifier + " has no retention policy");
    }
    return HttpResponse.of(HttpStatus.NO_CONTENT);
  }

  @Post("/api/projects/{project}/retention/apply")
  @ProducesJson
  public DataDto<OutcomeDto> apply(@Param("project") String identifier) {
    String project = ids.project(identifier).name();
    Retention.Outcome outcome = retention.apply(project).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND,
        "Project " + identifier + " has no retention policy"));
    return new DataDto<>(new OutcomeDto(project, outcome.beforeNanos() == null ? null
        : ApiTimes.format(outcome.beforeNanos()), outcome.deletedSpans()));
  }

  record RegulatedDto(String project, boolean regulated) {}

  record RegulatedInput(Boolean regulated, String reason) {}

  @Get("/api/projects/{project}/regulated")
  @ProducesJson
  public DataDto<RegulatedDto> regulated(@Param("project") String identifier) {
    String project = ids.project(identifier).name();
    return new DataDto<>(new RegulatedDto(project, store.regulated(project)));
  }

  /** Marks a project regulated (its deletions must say why) or not; unmarking one is itself such a change. */
  @Put("/api/projects/{project}/regulated")
  @ProducesJson
  public DataDto<RegulatedDto> setRegulated(@Param("project") String identifier, AggregatedHttpRequest request) {
    String project = ids.project(identifier).name();
    boolean regulated = ApiJson.required(ApiJson.read(request, RegulatedInput.class).regulated(), "regulated");
    if (!store.setRegulated(project, regulated)) {
      throw notFound(identifier);
    }
    return new DataDto<>(new RegulatedDto(project, regulated));
  }

  @Get("/api/storage")
  @ProducesJson
  public DataDto<UsageDto> usage() {
    StorageUsage usage = store.usage();
    long total = usage.projects().stream().mapToLong(StorageUsage.Project::spanBytes).sum();
    return new DataDto<>(new UsageDto(usage.databaseBytes(), usage.projects().stream()
        .map(p -> new ProjectUsageDto(p.project(), p.spans(), p.spanBytes(),
            total == 0 ? 0 : (double) p.spanBytes() / total)).toList()));
  }

  private static ApiException notFound(String identifier) {
    return new ApiException(HttpStatus.NOT_FOUND, "Project not found: " + identifier);
  }
}
