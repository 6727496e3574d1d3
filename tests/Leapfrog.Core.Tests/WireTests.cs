using System.Text.Json;
using System.Text.Json.Serialization;
using Leapfrog.Core.Catalog;
using Leapfrog.Core.Outcomes;

namespace Leapfrog.Core.Tests;

/// <summary>
/// The engine's vocabulary in JSON: each value written as the snake_case string the state files, module results and the
/// report already use, read back as the same value; anything else is refused with a message naming it.
/// </summary>
public class WireTests
{
    // The wire format as state files on disk and the report's input have it: a rename of an enum value must fail here.
    public static TheoryData<Type, string[]> Vocabulary => new()
    {
        { typeof(StepKind), ["probe", "schema", "data", "verify"] },
        { typeof(ExitMeaning), ["ok", "more", "pending", "warning", "error"] },
        { typeof(StepOutcome), ["ok", "pending", "probed", "skipped", "done_earlier", "would_run", "failed", "timeout", "interrupted", "gave_up", "stuck"] },
        { typeof(HopStatus), ["running", "done", "failed"] },
        { typeof(CellOutcome), ["done", "done_earlier", "failed", "not_run", "unfinished", "skipped", "would_run"] },
        { typeof(DataOutcome), ["none", "not_run", "done", "failed"] },
        { typeof(BlockerStatus), ["found", "could_not_check"] },
        { typeof(RegistryVerdict), ["accepted", "too_old", "pinned", "deleted", "could_not_check"] },
    };

    [Theory]
    [MemberData(nameof(Vocabulary))]
    public void Every_value_is_written_as_its_snake_case_name_and_read_back_as_itself(Type type, string[] names)
    {
        Assert.Equal(names, Names(type));
        foreach (var name in names)
        {
            var json = $"\"{name}\"";
            var value = JsonSerializer.Deserialize(json, WireTestJson.Default.GetTypeInfo(type)!);
            Assert.Equal(json, JsonSerializer.Serialize(value, WireTestJson.Default.GetTypeInfo(type)!));
        }
    }

    [Fact]
    public void A_record_with_enums_reads_and_writes_the_same_json()
    {
        const string json = """{"kind":"data","outcome":"done_earlier","meaning":"more","hop":"running","cell":"not_run","data":"none","blocker":"could_not_check","registry":"too_old"}""";

        var sample = JsonSerializer.Deserialize(json, WireTestJson.Default.Sample)!;

        Assert.Equal(new Sample(StepKind.Data, StepOutcome.DoneEarlier, ExitMeaning.More, HopStatus.Running, CellOutcome.NotRun, DataOutcome.None,
            BlockerStatus.CouldNotCheck, RegistryVerdict.TooOld), sample);
        Assert.Equal(json, JsonSerializer.Serialize(sample, WireTestJson.Default.Sample));
    }

    [Theory]
    [InlineData("""{"outcome":"finished"}""", "'finished' is not a step outcome (one of: ok, pending, probed, skipped, done_earlier, would_run, failed, timeout, interrupted, gave_up, stuck)", "$.outcome")]
    [InlineData("""{"outcome":"DoneEarlier"}""", "'DoneEarlier' is not a step outcome", "$.outcome")]
    [InlineData("""{"outcome":4}""", "a Number is not a step outcome", "$.outcome")]
    [InlineData("""{"hop":"Done"}""", "'Done' is not a hop status (one of: running, done, failed)", "$.hop")]
    public void An_unknown_value_is_refused_with_a_message_naming_it_and_where_it_is(string json, string says, string path)
    {
        var error = Assert.Throws<WireValueException>(() => JsonSerializer.Deserialize(json, WireTestJson.Default.Partial));

        Assert.StartsWith(says, error.Message);
        Assert.Equal(path, error.Path);
    }

    [Fact]
    public void Names_parse_back_exactly_and_nothing_else_does()
    {
        Assert.Equal("done_earlier", StepOutcome.DoneEarlier.Name());
        Assert.True(Wire.TryParse<StepOutcome>("gave_up", out var gaveUp));
        Assert.Equal(StepOutcome.GaveUp, gaveUp);
        Assert.False(Wire.TryParse<StepOutcome>("GaveUp", out _));
        Assert.False(Wire.TryParse<StepOutcome>(null, out _));
        Assert.False(Wire.TryParse<StepOutcome>("", out _));
    }

    private static List<string> Names(Type type) => type.Name switch
    {
        nameof(StepKind) => Wire.All<StepKind>().ToList(),
        nameof(ExitMeaning) => Wire.All<ExitMeaning>().ToList(),
        nameof(StepOutcome) => Wire.All<StepOutcome>().ToList(),
        nameof(HopStatus) => Wire.All<HopStatus>().ToList(),
        nameof(CellOutcome) => Wire.All<CellOutcome>().ToList(),
        nameof(DataOutcome) => Wire.All<DataOutcome>().ToList(),
        nameof(BlockerStatus) => Wire.All<BlockerStatus>().ToList(),
        nameof(RegistryVerdict) => Wire.All<RegistryVerdict>().ToList(),
        _ => throw new ArgumentException(type.Name),
    };
}

/// <summary>Every enum of the vocabulary in one record.</summary>
internal sealed record Sample(
    StepKind Kind, StepOutcome Outcome, ExitMeaning Meaning, HopStatus Hop, CellOutcome Cell, DataOutcome Data, BlockerStatus Blocker, RegistryVerdict Registry);

/// <summary>Some of them, each optional.</summary>
internal sealed record Partial(StepOutcome? Outcome, HopStatus? Hop);

/// <summary>Source-generated, as the product's contexts are: the converters come from the enum types themselves.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(Sample))]
[JsonSerializable(typeof(Partial))]
[JsonSerializable(typeof(StepKind))]
[JsonSerializable(typeof(ExitMeaning))]
[JsonSerializable(typeof(StepOutcome))]
[JsonSerializable(typeof(HopStatus))]
[JsonSerializable(typeof(CellOutcome))]
[JsonSerializable(typeof(DataOutcome))]
[JsonSerializable(typeof(BlockerStatus))]
[JsonSerializable(typeof(RegistryVerdict))]
internal sealed partial class WireTestJson : JsonSerializerContext;
