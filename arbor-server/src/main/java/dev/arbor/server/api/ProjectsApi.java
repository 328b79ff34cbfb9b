package dev.arbor.server.api;

import dev.arbor.server.access.Principal;
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
import dev.arbor.server.change.ChangeService;
import dev.arbor.server.change.DefaultProjectException;
import dev.arbor.server.query.QueryService;
import dev.arbor.store.Page;
import dev.arbor.store.Project;
import dev.arbor.store.ProjectExistsException;
import dev.arbor.store.ProjectNameInUseException;
import java.util.regex.Pattern;

/** Phoenix REST v1: projects. */
@Blocking
public final class ProjectsApi {
  /** Phoenix refuses names it could not put in a URL path. */
  private static final Pattern BAD_NAME = Pattern.compile("[/?#]");

  private final QueryService queries;
  private final ChangeService changes;
  private final Identifiers ids;

  public ProjectsApi(QueryService queries, ChangeService changes) {
    this.queries = queries;
    this.changes = changes;
    this.ids = new Identifiers(queries);
  }

  record ProjectDto(String id, String name, String description) {
    static ProjectDto of(Project p) {
      return new ProjectDto(GlobalIds.of("Project", p.id()), p.name(), p.description());
    }
  }

  record CreateProject(String name, String description) {}

  record UpdateProject(String description) {}

  record RenameProject(String name) {}

  @Get("/v1/projects")
  @ProducesJson
  public PageDto<ProjectDto> list(ServiceRequestContext ctx) {
    Params params = Params.of(ctx);
    params.flag("include_experiment_projects", false);
    Page<Project> page = queries.projects(params.page("Project", 100, 1000), params.get("name_contains"));
    // A caller limited to some projects sees only those (a page may then hold fewer than its limit).
    Principal caller = Principal.of(ctx);
    return new PageDto<>(page.items().stream().filter(p -> caller.canRead(p.name())).map(ProjectDto::of).toList(),
        GlobalIds.next("Project", page));
  }

  @Post("/v1/projects")
  @ProducesJson
  public DataDto<ProjectDto> create(AggregatedHttpRequest request) {
    CreateProject body = ApiJson.read(request, CreateProject.class);
    String name = checkedName(body.name());
    try {
      return new DataDto<>(ProjectDto.of(changes.createProject(name, body.description())));
    } catch (ProjectExistsException e) {
      throw new ApiException(HttpStatus.CONFLICT, e.getMessage());
    }
  }

  @Get("/v1/projects/{project}")
  @ProducesJson
  public DataDto<ProjectDto> get(@Param("project") String project) {
    return new DataDto<>(ProjectDto.of(ids.project(project)));
  }

  @Put("/v1/projects/{project}")
  @ProducesJson
  public DataDto<ProjectDto> update(@Param("project") String project, AggregatedHttpRequest request) {
    Project existing = ids.project(project);
    UpdateProject body = ApiJson.read(request, UpdateProject.class);
    return new DataDto<>(ProjectDto.of(changes.updateProject(existing.name(), body.description())
        .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "Project not found: " + project))));
  }

  /**
   * Arbor's own: renames a project (Phoenix's PUT changes only the description). Its spans, prices, retention policy,
   * alert rules, redaction rules and user and key grants follow; spans still sent under the old name make a new
   * project of that name.
   */
  @Put("/api/projects/{project}/name")
  @ProducesJson
  public DataDto<ProjectDto> rename(@Param("project") String project, AggregatedHttpRequest request) {
    Project existing = ids.project(project);
    String name = checkedName(ApiJson.read(request, RenameProject.class).name());
    try {
      return new DataDto<>(ProjectDto.of(changes.renameProject(existing.name(), name)
          .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "Project not found: " + project))));
    } catch (ProjectExistsException | ProjectNameInUseException e) {
      throw new ApiException(HttpStatus.CONFLICT, e.getMessage());
    } catch (DefaultProjectException e) {
      throw new ApiException(HttpStatus.FORBIDDEN, e.getMessage());
    }
  }

  /** A project name from a request body, stripped: set, not blank, and fit for a URL path. */
  private static String checkedName(String given) {
    String name = ApiJson.required(given, "name").strip();
    if (name.isEmpty()) {
      throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "name must not be blank");
    }
    if (BAD_NAME.matcher(name).find()) {
      throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "a project name cannot contain '/', '?' or '#': " + name);
    }
    return name;
  }

  @Delete("/v1/projects/{project}")
  public HttpResponse delete(@Param("project") String project) {
    Project existing = ids.project(project);
    try {
      changes.deleteProject(existing.name());
    } catch (DefaultProjectException e) {
      throw new ApiException(HttpStatus.FORBIDDEN, e.getMessage());
    }
    return HttpResponse.of(HttpStatus.NO_CONTENT);
  }
}
