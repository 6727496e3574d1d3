namespace Leapfrog.Remote.Tests;

/// <summary>A temporary directory removed on dispose.</summary>
public sealed class Temp : IDisposable
{
    public string Dir { get; } = Directory.CreateTempSubdirectory("leapfrog-remote-test-").FullName;

    public string File(string name) => Path.Combine(Dir, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
