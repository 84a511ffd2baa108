// What a granted query may call. PostgreSQL resolves an unqualified function name in pg_catalog first (the
// attacker cannot change search_path: SET and set_config are refused), so these names mean the built-ins.
// The list is deliberately closed: a function missing here is refused (SQL_FUNCTION_NOT_ALLOWED) and an
// operator adds it with `functions:` in the grant; nothing here reads files, reaches the network, sleeps,
// changes settings or sequences, or describes the server.

const AGGREGATES = words(
  'count sum avg min max array_agg string_agg bool_and bool_or every json_agg jsonb_agg ' +
    'json_object_agg jsonb_object_agg stddev stddev_pop stddev_samp variance var_pop var_samp corr ' +
    'covar_pop covar_samp regr_avgx regr_avgy regr_count regr_intercept regr_r2 regr_slope regr_sxx ' +
    'regr_sxy regr_syy percentile_cont percentile_disc mode bit_and bit_or bit_xor any_value',
)
const WINDOW = words(
  'row_number rank dense_rank percent_rank cume_dist ntile lag lead first_value last_value ' + 'nth_value',
)
const MATH = words(
  'abs ceil ceiling floor round trunc sign sqrt cbrt power pow exp ln log log10 mod div pi degrees ' +
    'radians sin cos tan asin acos atan atan2 width_bucket gcd lcm random scale min_scale trim_scale',
)
const TEXT = words(
  'length char_length character_length octet_length bit_length lower upper initcap btrim ltrim ' +
    'rtrim substring substr position strpos replace concat concat_ws left right lpad rpad repeat ' +
    'reverse split_part translate format md5 sha224 sha256 sha384 sha512 encode decode to_hex ascii ' +
    'chr starts_with like_escape regexp_replace regexp_match regexp_matches regexp_split_to_array ' +
    'regexp_split_to_table regexp_like regexp_count regexp_instr regexp_substr similar_to_escape ' +
    'quote_ident quote_literal quote_nullable overlay normalize is_normalized unistr string_to_array ' +
    'string_to_table array_to_string to_char to_number casefold',
)
const TIME = words(
  'now date_trunc date_part extract age make_date make_time make_timestamp make_timestamptz ' +
    'make_interval date_bin justify_days justify_hours justify_interval clock_timestamp ' +
    'statement_timestamp transaction_timestamp isfinite to_date to_timestamp timezone overlaps ' +
    'date_add date_subtract xmlexists',
)
const JSON_FUNCTIONS = words(
  'to_json to_jsonb row_to_json array_to_json json_build_object jsonb_build_object json_build_array ' +
    'jsonb_build_array json_object jsonb_object json_extract_path jsonb_extract_path ' +
    'json_extract_path_text jsonb_extract_path_text json_array_length jsonb_array_length json_each ' +
    'jsonb_each json_each_text jsonb_each_text json_array_elements jsonb_array_elements ' +
    'json_array_elements_text jsonb_array_elements_text json_object_keys jsonb_object_keys ' +
    'json_typeof jsonb_typeof jsonb_set jsonb_set_lax jsonb_insert jsonb_pretty json_strip_nulls ' +
    'jsonb_strip_nulls jsonb_path_exists jsonb_path_match jsonb_path_query jsonb_path_query_array ' +
    'jsonb_path_query_first json_scalar json_serialize',
)
const ARRAYS = words(
  'array_length array_lower array_upper array_position array_positions array_append array_prepend ' +
    'array_cat array_remove array_replace array_dims array_ndims cardinality unnest generate_series ' +
    'generate_subscripts trim_array array_reverse array_sort',
)
const MISC = words(
  'num_nulls num_nonnulls gen_random_uuid uuidv4 to_tsvector to_tsquery plainto_tsquery ' +
    'phraseto_tsquery websearch_to_tsquery ts_rank ts_rank_cd ts_headline date text numeric int2 int4 ' +
    'int8 float4 float8 bool',
)

/** Built-in functions a granted query may call without naming them in `functions:`. */
export const SAFE_FUNCTIONS: ReadonlySet<string> = new Set([
  ...AGGREGATES,
  ...WINDOW,
  ...MATH,
  ...TEXT,
  ...TIME,
  ...JSON_FUNCTIONS,
  ...ARRAYS,
  ...MISC,
])

/**
 * Functions no grant may add: they read or write server files (pg_read_file, lo_import), reach other
 * servers (dblink), change settings (set_config), hold the connection (pg_sleep), signal backends or
 * describe the server to an attacker (current_setting, version).
 */
const NEVER_GRANTABLE_PREFIXES = ['pg_', 'lo_', 'dblink']
const NEVER_GRANTABLE_NAMES = new Set([
  'set_config',
  'current_setting',
  'version',
  'query_to_xml',
  'query_to_xml_and_xmlschema',
  'table_to_xml',
  'table_to_xml_and_xmlschema',
  'database_to_xml',
  'schema_to_xml',
  'cursor_to_xml',
  'nextval',
  'setval',
  'currval',
  'lastval',
  'txid_current',
  'inet_server_addr',
  'inet_server_port',
  'inet_client_addr',
  'current_database',
  'current_schema',
  'current_schemas',
  'has_table_privilege',
  'loread',
  'lowrite',
  'setseed',
  'xpath',
  'xmlparse',
])

/** Whether an operator may add `name` under `functions:` (never for the dangerous families). */
export function isGrantableFunction(name: string): boolean {
  const base = name.slice(name.lastIndexOf('.') + 1)
  if (NEVER_GRANTABLE_NAMES.has(base)) return false
  return !NEVER_GRANTABLE_PREFIXES.some((prefix) => base.startsWith(prefix))
}

/**
 * SQL keywords that read like values (SQLValueFunction). The clock is harmless; CURRENT_USER, SESSION_USER,
 * CURRENT_CATALOG and CURRENT_SCHEMA describe the server to the agent and are refused.
 */
export const SAFE_VALUE_FUNCTIONS: ReadonlySet<string> = new Set([
  'SVFOP_CURRENT_DATE',
  'SVFOP_CURRENT_TIME',
  'SVFOP_CURRENT_TIME_N',
  'SVFOP_CURRENT_TIMESTAMP',
  'SVFOP_CURRENT_TIMESTAMP_N',
  'SVFOP_LOCALTIME',
  'SVFOP_LOCALTIME_N',
  'SVFOP_LOCALTIMESTAMP',
  'SVFOP_LOCALTIMESTAMP_N',
])

/**
 * Types a query may name without a schema. The grammar already qualifies the SQL-standard ones
 * (`int` is pg_catalog.int4); any other bare type name may be a table's row type (`null::users` lists the
 * columns of users), a domain or an enum, so it must be built in or the row type of a granted table.
 */
export const BUILTIN_TYPES: ReadonlySet<string> = new Set(
  words(
    'text varchar char bpchar name uuid bytea json jsonb jsonpath xml bool boolean int2 int4 int8 float4 ' +
      'float8 numeric money date time timetz timestamp timestamptz interval bit varbit inet cidr macaddr ' +
      'macaddr8 point line lseg box path polygon circle tsvector tsquery oid record int4range int8range ' +
      'numrange tsrange tstzrange daterange int4multirange int8multirange nummultirange tsmultirange ' +
      'tstzmultirange datemultirange',
  ),
)

/**
 * Object-identifier types: a cast such as `'pg_authid'::regclass` or `'pg_read_file'::regproc` looks a
 * name up in the system catalogs, so it probes tables and functions the grant does not name.
 */
export const CATALOG_LOOKUP_TYPES: ReadonlySet<string> = new Set([
  'regclass',
  'regcollation',
  'regconfig',
  'regdictionary',
  'regnamespace',
  'regoper',
  'regoperator',
  'regproc',
  'regprocedure',
  'regrole',
  'regtype',
])

// A list written as words one space apart, so that long lists stay short and readable.
function words(list: string): string[] {
  return list.split(' ')
}
