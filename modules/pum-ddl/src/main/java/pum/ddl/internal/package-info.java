/** One generator per object kind, the dependency graph that orders their statements, and the fix planner. */
package pum.ddl.internal;
