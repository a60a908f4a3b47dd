package pum.catalog;

/**
 * One privilege granted on an object, as its access control list holds it (the owner's own
 * privileges are left out: they come with ownership).
 *
 * @param object the object as {@code KIND NAME}, as {@link Details#dependencies} names objects
 *               ({@code tables s.t}, {@code columns s.t.c}, {@code functions s.f(integer)}, ...)
 * @param grantee a role name, quoted as needed, or {@code PUBLIC}
 * @param privilege {@code SELECT}, {@code INSERT}, {@code USAGE}, {@code EXECUTE}, ...
 * @param grantable whether it was granted WITH GRANT OPTION
 */
public record Grant(String object, String grantee, String privilege, boolean grantable) {
}
