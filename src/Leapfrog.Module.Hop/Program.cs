using Leapfrog.Module;
using Leapfrog.Module.Hop;

return await ModuleHost.RunAsync(args, HopArgs.Parameters, HopModule.RunAsync, Console.Out).ConfigureAwait(false);
