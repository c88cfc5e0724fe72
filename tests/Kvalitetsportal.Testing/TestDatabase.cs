namespace Kvalitetsportal.Testing;

/// <summary>
/// Which database the tests run against: SQLite unless KP_TEST_DB=postgres, in which case
/// KP_TEST_POSTGRES holds a connection string to a server the test run may create databases on.
/// </summary>
public static class TestDatabase
{
    public static bool IsPostgres => string.Equals(Environment.GetEnvironmentVariable("KP_TEST_DB"), "postgres", StringComparison.OrdinalIgnoreCase);

    public static string ProviderName => IsPostgres ? "Postgres" : "Sqlite";

    public static string PostgresServer =>
        Environment.GetEnvironmentVariable("KP_TEST_POSTGRES") is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException("KP_TEST_DB=postgres men KP_TEST_POSTGRES saknas. Kör ./test.sh, som startar PostgreSQL.");
}
