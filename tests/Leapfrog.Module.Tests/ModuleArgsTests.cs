using Leapfrog.Core;

namespace Leapfrog.Module.Tests;

public sealed class ModuleArgsTests
{
    private static readonly string[] Spec = ["count", "flag", "names", "name", "opts", "mode"];

    [Theory]
    [InlineData("3", 3)]
    [InlineData("\"3\"", 3)]
    [InlineData("\" 42 \"", 42)]
    [InlineData("-1", -1)]
    public void Integers_are_accepted_as_numbers_or_text(string json, int expected) =>
        Assert.Equal(expected, Parse($"{{\"count\": {json}}}").GetInt("count", 0, -10, 100));

    [Theory]
    [InlineData("\"three\"", "count: expected an integer, got 'three'")]
    [InlineData("3.5", "count: expected an integer, got a number")]
    [InlineData("[1]", "count: expected an integer, got a list")]
    [InlineData("1000", "count: 1000 is out of range (-10 to 100)")]
    public void Bad_integers_are_refused_with_the_parameter_named(string json, string message) =>
        Assert.Equal(message, Assert.Throws<InvalidRequestException>(() => Parse($"{{\"count\": {json}}}").GetInt("count", 0, -10, 100)).Message);

    [Theory]
    [InlineData("true", true)]
    [InlineData("\"yes\"", true)]
    [InlineData("\"True\"", true)]
    [InlineData("\"on\"", true)]
    [InlineData("1", true)]
    [InlineData("false", false)]
    [InlineData("\"no\"", false)]
    [InlineData("\"off\"", false)]
    [InlineData("\"0\"", false)]
    public void Booleans_are_accepted_in_the_forms_ansible_users_write(string json, bool expected) =>
        Assert.Equal(expected, Parse($"{{\"flag\": {json}}}").GetBool("flag", !expected));

    [Fact]
    public void A_bad_boolean_is_refused() =>
        Assert.Equal("flag: expected a boolean (true/false, yes/no), got 'maybe'",
            Assert.Throws<InvalidRequestException>(() => Parse("{\"flag\": \"maybe\"}").GetBool("flag", false)).Message);

    [Fact]
    public void Lists_are_accepted_as_json_lists_or_comma_separated_text()
    {
        Assert.Equal(["keystone", "nova"], Parse("{\"names\": [\"keystone\", \"nova\"]}").GetList("names"));
        Assert.Equal(["keystone", "nova"], Parse("{\"names\": \"keystone, nova\"}").GetList("names"));
        Assert.Equal(["a", "b"], Parse("{\"names\": \"[\\\"a\\\", \\\"b\\\"]\"}").GetList("names"));
        Assert.Empty(Parse("{}").GetList("names"));
    }

    [Fact]
    public void Dictionaries_are_accepted_as_objects_or_json_text()
    {
        Assert.Equal("venv", Parse("{\"opts\": {\"type\": \"venv\"}}").GetObject("opts")!["type"]!.GetValue<string>());
        Assert.Equal("venv", Parse("{\"opts\": \"{\\\"type\\\": \\\"venv\\\"}\"}").GetObject("opts")!["type"]!.GetValue<string>());
        Assert.Equal("opts: expected a dictionary, got a list", Assert.Throws<InvalidRequestException>(() => Parse("{\"opts\": []}").GetObject("opts")).Message);
    }

    [Fact]
    public void Unknown_parameters_are_refused_listing_the_supported_ones()
    {
        var error = Assert.Throws<InvalidRequestException>(() => Parse("{\"colour\": 1, \"name\": \"x\"}"));
        Assert.Equal("unsupported parameter 'colour'; supported: count, flag, mode, name, names, opts", error.Message);
    }

    [Fact]
    public void Internal_ansible_keys_are_ignored_and_check_mode_and_verbosity_are_read()
    {
        var args = Parse("{\"_ansible_check_mode\": true, \"_ansible_verbosity\": 3, \"_ansible_new_future_key\": {}, \"name\": \"x\"}");
        Assert.True(args.CheckMode);
        Assert.Equal(3, args.Verbosity);
    }

    [Theory]
    [InlineData("{", "the arguments are not valid JSON (line 1")]
    [InlineData("[1, 2]", "the arguments must be one JSON object of parameters, not a list")]
    [InlineData("\"text\"", "the arguments must be one JSON object of parameters, not a string")]
    public void Malformed_arguments_are_refused(string json, string start) =>
        Assert.StartsWith(start, Assert.Throws<InvalidRequestException>(() => Parse(json)).Message);

    [Fact]
    public void Choices_are_case_insensitive_and_refuse_anything_else()
    {
        Assert.Equal("stepwise", Parse("{\"mode\": \"StepWise\"}").GetChoice("mode", "strict", "strict", "stepwise"));
        Assert.Equal("mode: 'fast' is not one of: strict, stepwise",
            Assert.Throws<InvalidRequestException>(() => Parse("{\"mode\": \"fast\"}").GetChoice("mode", "strict", "strict", "stepwise")).Message);
    }

    private static ModuleArgs Parse(string json) => ModuleArgs.Parse(json, Spec);
}
