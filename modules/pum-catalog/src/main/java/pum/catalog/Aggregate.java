package pum.catalog;

/**
 * What {@code CREATE AGGREGATE} needs beyond a {@link Routine}: pg_aggregate's row. Functions print
 * as regproc does (schema-qualified outside pg_catalog), types as format_type does; absent parts
 * are null.
 *
 * @param name identity, as the routine's name ({@code s.agg(integer)})
 * @param arguments the arguments as {@code pg_get_function_arguments} prints them (ordered-set
 *                  aggregates with {@code ORDER BY}); empty for {@code agg(*)}
 * @param kind {@code normal}, {@code ordered-set} or {@code hypothetical}
 * @param transition state transition function (SFUNC)
 * @param stateType state type (STYPE)
 * @param stateSpace approximate state size in bytes (SSPACE), 0 when not set
 * @param finalFunction final function, or null
 * @param finalExtra whether the final function gets extra dummy arguments (FINALFUNC_EXTRA)
 * @param finalModify {@code READ_ONLY}, {@code SHAREABLE} or {@code READ_WRITE}
 * @param combine combine function, or null
 * @param serial serialization function, or null
 * @param deserial deserialization function, or null
 * @param initialValue initial state as text (INITCOND), or null
 * @param movingTransition moving-aggregate forward transition function (MSFUNC), or null
 * @param movingInverse moving-aggregate inverse transition function (MINVFUNC), or null
 * @param movingStateType moving-aggregate state type (MSTYPE), or null
 * @param movingStateSpace moving-aggregate state size (MSSPACE), 0 when not set
 * @param movingFinalFunction moving-aggregate final function, or null
 * @param movingFinalExtra MFINALFUNC_EXTRA
 * @param movingFinalModify as {@code finalModify}, for the moving final function
 * @param movingInitialValue moving-aggregate initial state (MINITCOND), or null
 * @param sortOperator sort operator as {@code OPERATOR(schema.op)}, or null
 * @param parallel {@code SAFE}, {@code RESTRICTED} or {@code UNSAFE}
 */
public record Aggregate(String name, String arguments, String kind, String transition, String stateType, int stateSpace,
                        String finalFunction, boolean finalExtra, String finalModify, String combine, String serial, String deserial,
                        String initialValue, String movingTransition, String movingInverse, String movingStateType,
                        int movingStateSpace, String movingFinalFunction, boolean movingFinalExtra, String movingFinalModify,
                        String movingInitialValue, String sortOperator, String parallel) {
}
