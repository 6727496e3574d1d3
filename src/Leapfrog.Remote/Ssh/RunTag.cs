namespace Leapfrog.Remote.Ssh;

/// <summary>A unique tag put in a remote command's argv, so the command can be found with pgrep -f.</summary>
internal static class RunTag
{
    /// <summary>A new tag: <c>leapfrog-run-</c> and 32 hex digits.</summary>
    public static string New() => "leapfrog-run-" + Guid.NewGuid().ToString("N");

    /// <summary>A regular expression matching the tag but not itself (the classic <c>[x]</c> trick), for pgrep -f.</summary>
    public static string Pattern(string tag) => $"leapfrog-run-[{tag[13]}]{tag[14..]}";
}
