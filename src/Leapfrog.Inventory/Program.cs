using Leapfrog.Core;
using Leapfrog.Inventory;
using Leapfrog.Inventory.Config;
using Leapfrog.Inventory.Output;

return Run(args);

// Everything goes to a buffer first: on any error stdout stays empty, and stderr holds one line.
static int Run(string[] args)
{
    try
    {
        var command = CommandLine.Parse(args);
        if (command.Action == "help")
        {
            Console.Out.Write(CommandLine.Usage);
            return 0;
        }

        var config = ConfigLocator.ForProcess().Locate().Load();
        var model = InventoryBuilder.Build(config);
        var output = command.Action == "list"
            ? InventoryWriter.List(model)
            : InventoryWriter.Host(model, command.HostName!) ?? throw new InventoryException(
                $"--host: '{Printable.Clip(command.HostName!)}' is not a host of this inventory; hosts: {string.Join(", ", model.Hosts.Select(h => h.Host.Name))}");
        using var stdout = Console.OpenStandardOutput();
        stdout.Write(output);
        stdout.Flush();
        return 0;
    }
    catch (UsageException e)
    {
        Console.Error.WriteLine($"leapfrog-inventory: {e.Message}");
        return 2;
    }
    catch (LeapfrogException e)
    {
        Console.Error.WriteLine($"leapfrog-inventory: {e.Message}");
        return 1;
    }
    catch (Exception e)
    {
        Console.Error.WriteLine($"leapfrog-inventory: internal error ({e.GetType().Name}: {Printable.Clip(e.Message, 200)})");
        return 70;
    }
}
