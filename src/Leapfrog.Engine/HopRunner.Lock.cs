namespace Leapfrog.Engine;

/// <summary>The per-service lock on the controller (<see cref="ServiceLock"/>, shared with backup and restore).</summary>
public sealed partial class HopRunner
{
    private ServiceLock ServiceLock => new(_controller, Svc, LockDir, _request.LockStaleAfter, _warnings.Add);

    private Task<LockOwner> LockAsync(CancellationToken ct) => ServiceLock.AcquireAsync(_request.Owner, _request.Name, Now(), ct);

    private Task UnlockAsync(LockOwner owner) => ServiceLock.ReleaseAsync(owner);
}
