using Leapfrog.Module;
using Leapfrog.Module.Plan;

return await ModuleHost.RunAsync(args, PlanModule.Parameters, PlanModule.RunAsync, Console.Out).ConfigureAwait(false);
