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
import com.linecorp.armeria.server.annotation.StatusCode;
import dev.arbor.server.access.AccessService;
import dev.arbor.server.access.Principal;
import dev.arbor.store.ProjectGrants;
import java.util.List;

/** Admins' view of access: users (with roles and projects) and every API key, system keys included. */
@Blocking
public final class UsersApi {
  private final AccessService access;

  public UsersApi(AccessService access) {
    this.access = access;
  }

  @Get("/api/users")
  @ProducesJson
  public DataDto<List<AccessDtos.UserDto>> users() {
    return new DataDto<>(access.users().stream().map(AccessDtos.UserDto::of).toList());
  }

  @Post("/api/users")
  @StatusCode(201)
  @ProducesJson
  public DataDto<AccessDtos.UserDto> create(AggregatedHttpRequest request) {
    AccessDtos.UserInput input = ApiJson.read(request, AccessDtos.UserInput.class);
    if (input.role() == null) {
      throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "role is required: admin, member or viewer");
    }
    ProjectGrants grants = AccessDtos.grants(input.projects());
    return new DataDto<>(AccessDtos.UserDto.of(access.createUser(input.username(), input.password(),
        input.roleOrNull(), grants == null ? ProjectGrants.ALL : grants)));
  }

  /**
   * Changes a user's role, password, projects or whether they are disabled; a field left out stays as it is.
   * {@code "all_projects": true} gives back every project to a user limited to some.
   */
  @Put("/api/users/{id}")
  @ProducesJson
  public DataDto<AccessDtos.UserDto> update(@Param("id") String id, AggregatedHttpRequest request) {
    AccessDtos.UserInput input = ApiJson.read(request, AccessDtos.UserInput.class);
    return new DataDto<>(AccessDtos.UserDto.of(access.updateUser(NumericIds.parse(id, "User"), input.roleOrNull(),
        input.password(), Boolean.TRUE.equals(input.allProjects()) ? ProjectGrants.ALL
            : AccessDtos.grants(input.projects()), input.disabled())));
  }

  @Delete("/api/users/{id}")
  public HttpResponse delete(@Param("id") String id) {
    access.deleteUser(NumericIds.parse(id, "User"));
    return HttpResponse.of(HttpStatus.NO_CONTENT);
  }

  @Get("/api/keys")
  @ProducesJson
  public DataDto<List<AccessDtos.KeyDto>> keys() {
    return new DataDto<>(access.keys().stream().map(k -> AccessDtos.KeyDto.of(k, access)).toList());
  }

  @Post("/api/keys")
  @StatusCode(201)
  @ProducesJson
  public DataDto<AccessDtos.NewKeyDto> createSystemKey(AggregatedHttpRequest request) {
    AccessDtos.KeyInput input = ApiJson.read(request, AccessDtos.KeyInput.class);
    return new DataDto<>(AccessDtos.NewKeyDto.of(access.createSystemKey(input.name(), input.roleOrNull(),
        input.grants(), input.expiry()), access));
  }

  @Delete("/api/keys/{id}")
  @ProducesJson
  public DataDto<AccessDtos.KeyDto> revoke(ServiceRequestContext ctx, @Param("id") String id) {
    return new DataDto<>(AccessDtos.KeyDto.of(access.revoke(Principal.of(ctx), NumericIds.parse(id, "API key")),
        access));
  }
}
