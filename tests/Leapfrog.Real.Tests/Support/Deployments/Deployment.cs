namespace Leapfrog.Real.Tests.Support.Deployments;

/// <summary>
/// One service's databases as victoria's own tools make them, with rows put in before the first hop, the
/// release's own up-to-date checks, and a snapshot of the rows that must survive every hop.
/// </summary>
public abstract class Deployment
{
    protected Deployment(RealCloud cloud, ITestOutputHelper log, string service, string prefix)
    {
        Cloud = cloud;
        Log = log;
        Service = service;
        Prefix = prefix;
    }

    public string Service { get; }

    /// <summary>The service config, the same path inside every chroot.</summary>
    public string ConfigFile { get; protected set; } = "";

    protected RealCloud Cloud { get; }

    protected ITestOutputHelper Log { get; }

    /// <summary>Prepended to database and directory names, so that several deployments share one server.</summary>
    protected string Prefix { get; }

    /// <summary>Creates the databases with victoria's tools (bullseye) and puts the seed rows in.</summary>
    public abstract void Create();

    /// <summary>The release's own checks, judged by the tests, for a database at <paramref name="suite"/>'s release.</summary>
    public abstract IReadOnlyList<Verdict> Checks(Suite suite);

    /// <summary>Per database, the revision the release's own tools say it is at (empty: judged by at_head alone).</summary>
    public virtual IReadOnlyDictionary<string, IReadOnlyList<string>> Versions(Suite suite) => new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>The seeded rows as text, in a stable order.</summary>
    public abstract List<string> Rows();

    /// <summary>What the rows are, for the log.</summary>
    public abstract string RowsWhat { get; }

    /// <summary>A chain of hops through the hop module with this deployment's checks.</summary>
    public Chain Chain() => new(Cloud, Log, Service, ConfigFile, Checks, Versions);

    protected string Db(string name) => Prefix + name;

    protected List<string> Query(string sql, string database) =>
        Cloud.Db.Query(sql, database).Select(r => string.Join('|', r)).ToList();
}
