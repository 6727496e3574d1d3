using Leapfrog.Core.Catalog;

namespace Leapfrog.Core.Tests;

/// <summary>Every bad overlay is refused with one line naming the file and the JSON path.</summary>
public class OverlayValidationTests
{
    [Theory]
    [InlineData("""{"service": {}}""", "$.service: unknown property 'service'; known: services")]
    [InlineData("""{}""", "$: the catalog file needs 'services'")]
    [InlineData("""[]""", "$: expected a mapping, found a list")]
    [InlineData("""{"services": []}""", "$.services: expected a mapping, found a list")]
    [InlineData("""{"services": {"nova": {"confg_file": "/x"}}}""", "$.services.nova.confg_file: unknown property 'confg_file'; known: name, databases, config_file, since, after, versions, version_argv, schema, steps, source, cells, data_leftovers, upgrade_checks")]
    [InlineData("""{"services": {"nova": {"steps": [{"name": "s", "kind": "schema", "argv": ["nova-manage"], "exit_codes": {"0": "ok"}, "timeout": 5}]}}}""", "$.services.nova.steps[0].timeout: unknown property 'timeout'; known: name, kind, argv, since, until, exit_codes, final_hop, source, note")]
    [InlineData("""{"services": {"nova": {"steps": [{"name": "s", "kind": "cleanup", "argv": ["nova-manage"], "exit_codes": {"0": "ok"}}]}}}""", "$.services.nova.steps[0].kind: unknown kind 'cleanup'; known: probe, schema, data, verify")]
    [InlineData("""{"services": {"nova": {"steps": [{"name": "s", "kind": "schema", "argv": ["nova-manage"], "exit_codes": {"0": "fine"}}]}}}""", "$.services.nova.steps[0].exit_codes.0: unknown meaning 'fine'; known: ok, more, pending, warning, error")]
    [InlineData("""{"services": {"nova": {"steps": [{"name": "s", "kind": "schema", "argv": ["nova-manage"], "exit_codes": {"0": "ok"}, "since": "mitaka"}]}}}""", "$.services.nova.steps[0].since: 'mitaka' is not a known OpenStack release; known: newton,")]
    [InlineData("""{"services": {"nova": {"steps": [{"name": "s", "kind": "schema", "argv": ["nova-manage"], "exit_codes": {"0": "ok"}, "until": "2027.1"}]}}}""", "$.services.nova.steps[0].until: '2027.1' is not a known OpenStack release")]
    [InlineData("""{"services": {"nova": {"steps": [{"name": "s", "kind": "schema", "argv": ["nova-manage"], "exit_codes": {"0": "ok"}, "since": "zed", "until": "xena"}]}}}""", "$.services.nova.steps[0].until: since zed comes after until xena")]
    [InlineData("""{"services": {"nova": {"steps": [{"name": "s", "kind": "schema", "argv": ["nova-manage"], "exit_codes": {"x": "ok"}}]}}}""", "$.services.nova.steps[0].exit_codes.x: exit code 'x' is not an integer 0-255")]
    [InlineData("""{"services": {"nova": {"steps": [{"name": "s", "kind": "schema", "argv": ["nova-manage"], "exit_codes": {"256": "ok"}}]}}}""", "$.services.nova.steps[0].exit_codes.256: exit code '256' is not an integer 0-255")]
    [InlineData("""{"services": {"nova": {"steps": [{"name": "s", "kind": "schema", "argv": ["nova-manage"], "exit_codes": {"-1": "ok"}}]}}}""", "$.services.nova.steps[0].exit_codes.-1: exit code '-1' is not an integer 0-255")]
    [InlineData("""{"services": {"nova": {"steps": [{"name": "s", "kind": "schema", "argv": ["nova-manage"], "exit_codes": {"01": "ok"}}]}}}""", "$.services.nova.steps[0].exit_codes.01: exit code '01' is not an integer 0-255")]
    [InlineData("""{"services": {"nova": {"steps": [{"name": "s", "kind": "schema", "argv": ["nova-manage"], "exit_codes": {}}]}}}""", "$.services.nova.steps[0].exit_codes: list at least one exit code (unlisted codes mean error)")]
    [InlineData("""{"services": {"nova": {"steps": [{"name": "s", "kind": "schema", "argv": [], "exit_codes": {"0": "ok"}}]}}}""", "$.services.nova.steps[0].argv: the command is empty")]
    [InlineData("""{"services": {"nova": {"steps": [{"name": "s", "kind": "schema", "argv": "nova-manage db sync", "exit_codes": {"0": "ok"}}]}}}""", "$.services.nova.steps[0].argv: expected a list, found a string")]
    [InlineData("""{"services": {"nova": {"steps": [{"name": "s", "kind": "schema", "argv": ["nova-manage", 3], "exit_codes": {"0": "ok"}}]}}}""", "$.services.nova.steps[0].argv[1]: expected a string, found a number")]
    [InlineData("""{"services": {"nova": {"steps": [{"name": "s", "kind": "schema", "argv": ["nova-manage", "db\u0000sync"], "exit_codes": {"0": "ok"}}]}}}""", "$.services.nova.steps[0].argv[1]: 'db\\0sync' contains a control character")]
    [InlineData("""{"services": {"nova": {"steps": [{"name": "s", "kind": "schema", "argv": ["nova-manage", "db\nsync"], "exit_codes": {"0": "ok"}}]}}}""", "$.services.nova.steps[0].argv[1]: 'db\\nsync' contains a control character")]
    [InlineData("""{"services": {"nova": {"steps": [{"name": "s", "kind": "schema", "argv": ["/usr/bin/nova-manage"], "exit_codes": {"0": "ok"}}]}}}""", "$.services.nova.steps[0].argv[0]: tool '/usr/bin/nova-manage' must be a bare command name")]
    [InlineData("""{"services": {"nova": {"steps": [{"name": "s", "kind": "schema", "argv": ["nova-manage;reboot"], "exit_codes": {"0": "ok"}}]}}}""", "$.services.nova.steps[0].argv[0]: tool 'nova-manage;reboot' must be a bare command name")]
    [InlineData("""{"services": {"nova": {"steps": [{"name": "s", "kind": "schema", "argv": ["$(reboot)"], "exit_codes": {"0": "ok"}}]}}}""", "$.services.nova.steps[0].argv[0]: tool '$(reboot)' must be a bare command name")]
    [InlineData("""{"services": {"nova": {"steps": [{"name": "s", "kind": "schema", "argv": ["nova-manage", "--config-file", "{confg_file}"], "exit_codes": {"0": "ok"}}]}}}""", "$.services.nova.steps[0].argv[2]: unknown placeholder '{confg_file}'; known: {config_file}, {batch}")]
    [InlineData("""{"services": {"nova": {"steps": [{"name": "s", "kind": "schema", "argv": ["nova-manage", "{batch}"], "exit_codes": {"0": "ok"}}]}}}""", "$.services.nova.steps[0].argv[1]: {batch} is only allowed in a data step")]
    [InlineData("""{"services": {"nova": {"steps": [{"kind": "schema", "argv": ["nova-manage"], "exit_codes": {"0": "ok"}}]}}}""", "$.services.nova.steps[0]: a step needs 'name'")]
    [InlineData("""{"services": {"nova": {"steps": [{"name": "s", "kind": "schema", "argv": ["nova-manage", "{cell_config}"], "exit_codes": {"0": "ok"}}]}}}""", "$.services.nova.steps[0].argv[1]: {cell_config} is only allowed in a cell step")]
    [InlineData("""{"services": {"nova": {"cells": {"since": "ocata", "list_argv": ["nova-manage"], "steps": [{"name": "v", "kind": "verify", "argv": ["nova-manage"], "exit_codes": {"0": "ok"}}]}}}}""", "$.services.nova.cells.steps[0].kind: a cell step is schema or data, not verify")]
    [InlineData("""{"services": {"nova": {"cells": {"since": "ocata", "list_argv": ["nova-manage"], "skip_uuid": "cell0", "steps": []}}}}""", "$.services.nova.cells.skip_uuid: 'cell0' is not a UUID")]
    [InlineData("""{"services": {"nova": {"cells": {"list_argv": ["nova-manage"], "steps": []}}}}""", "$.services.nova.cells: cells needs 'since'")]
    [InlineData("""{"services": {"nova": {"data_leftovers": [{"migration": "populate_instance_compute_id", "verdict": "ignore", "why": "x"}]}}}""", "$.services.nova.data_leftovers[0].verdict: 'ignore' must be one of accepted")]
    [InlineData("""{"services": {"nova": {"data_leftovers": [{"migration": "populate_instance_compute_id", "verdict": "accepted"}]}}}""", "$.services.nova.data_leftovers[0]: a data leftover needs 'why'")]
    [InlineData("""{"services": {"nova": {"data_leftovers": [{"migration": "x; y", "verdict": "accepted", "why": "x"}]}}}""", "$.services.nova.data_leftovers[0].migration: 'x; y' is not a migration name")]
    [InlineData("""{"services": {"nova": {"upgrade_checks": [{"check": "Placement API", "verdict": "ignored", "why": "x"}]}}}""", "$.services.nova.upgrade_checks[0].verdict: 'ignored' must be one of not_applicable")]
    [InlineData("""{"services": {"nova": {"upgrade_checks": [{"verdict": "not_applicable", "why": "x"}]}}}""", "$.services.nova.upgrade_checks[0]: an upgrade check rule needs 'check'")]
    [InlineData("""{"services": {"cinder": {"steps": [{"name": "s", "kind": "schema", "argv": ["cinder-manage"], "exit_codes": {"0": "ok"}, "final_hop": "yes"}]}}}""", "$.services.cinder.steps[0].final_hop: expected true or false")]
    [InlineData("""{"services": {"nova": {"version_argv": ["nova manage"]}}}""", "$.services.nova.version_argv[0]: tool 'nova manage' must be a bare command name")]
    [InlineData("""{"services": {"nova": {"config_file": "nova.conf"}}}""", "$.services.nova.config_file: 'nova.conf' must be an absolute path")]
    [InlineData("""{"services": {"nova": {"versions": {"mitaka": "13.0.0"}}}}""", "$.services.nova.versions.mitaka: 'mitaka' is not a known OpenStack release")]
    [InlineData("""{"services": {"nova": {"versions": {"zed": "26.0.0", "Zed": "26.0.1"}}}}""", "$.services.nova.versions.Zed: release zed is given twice")]
    [InlineData("""{"services": {"nova": {"name": "neutron"}}}""", "$.services.nova.name: 'neutron' differs from the service key 'nova'")]
    [InlineData("""{"services": {"nova": {"schema": [{"name": "nova", "url": "connection", "layouts": [["nova/db/main/migrations"]]}]}}}""", "$.services.nova.schema[0].url: 'connection' is not a config option as section.option")]
    [InlineData("""{"services": {"nova": {"schema": [{"name": "nova", "url": "database.connection", "layouts": [["../../etc"]]}]}}}""", "$.services.nova.schema[0].layouts[0][0]: '../../etc' is not a directory relative to the Python path")]
    [InlineData("""{"services": {"nova": {"schema": [{"name": "nova", "url": "database.connection", "layouts": [["/usr/lib"]]}]}}}""", "$.services.nova.schema[0].layouts[0][0]: '/usr/lib' is not a directory relative to the Python path")]
    [InlineData("""{"services": {"nova": {"schema": [{"name": "nova", "url": "database.connection"}]}}}""", "$.services.nova.schema[0]: a schema database needs 'layouts'")]
    [InlineData("""{"services": {"nova": {"after": ["glance", "swift"]}}}""", "$.services.nova.after[1]: 'swift' is not another known service")]
    [InlineData("""{"services": {"nova": {"after": ["nova"]}}}""", "$.services.nova.after[0]: 'nova' is not another known service")]
    [InlineData("""{"services": {"nova": {"databases": ["nova; drop"]}}}""", "$.services.nova.databases[0]: 'nova; drop' is not a database name")]
    [InlineData("""{"services": {"nova": {}, "nova": {}}}""", "$.services.nova: the key is given twice")]
    [InlineData("""{"services": {"nova": {}, "Nova": {}}}""", "$.services.Nova: duplicate service 'Nova'")]
    [InlineData("""{"services": {"../etc": {}}}""", "$.services.../etc: service name '../etc' must be 1-64 letters, digits, '_' or '-'")]
    [InlineData("""{"services": {"barbican": {"databases": ["barbican"], "config_file": "/etc/b.conf", "steps": []}}}""", "$.services.barbican: new service 'barbican' needs 'since'")]
    [InlineData("""{"services": {"nova": """, "not valid JSON at line 1, column")]
    public void A_bad_json_overlay_is_refused_with_file_and_path(string text, string expected)
    {
        var e = Assert.Throws<InvalidRequestException>(() => ServiceCatalog.Default.WithOverlay(text, "site.json"));

        Assert.StartsWith($"site.json: {expected}", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.DoesNotContain('\0', e.Message);
    }

    [Theory]
    [InlineData("services:\n  nova:\n    steps:\n      - {name: s, kind: schema, argv: [nova-manage], exit_codes: {0: ok}, since: queens, until: pike}\n", "$.services.nova.steps[0].until: since queens comes after until pike")]
    [InlineData("services:\n  nova:\n    steps:\n      - {name: s, kind: Cleanup, argv: [nova-manage], exit_codes: {0: ok}}\n", "$.services.nova.steps[0].kind: unknown kind 'cleanup'")]
    [InlineData("services:\n  nova:\n    steps:\n      - {name: s, kind: schema, argv: [nova-manage], exit_codes: {1.5: ok}}\n", "$.services.nova.steps[0].exit_codes.1.5: exit code '1.5' is not an integer 0-255")]
    [InlineData("services:\n  nova:\n    steps:\n      - {name: s, kind: data, argv: [nova-manage, '{confg_file}'], exit_codes: {0: ok}}\n", "$.services.nova.steps[0].argv[1]: unknown placeholder '{confg_file}'")]
    [InlineData("services:\n  nova:\n    steps:\n      - {name: s, kind: schema, argv: [nova-manage, \"a\\tb\"], exit_codes: {0: ok}}\n", "$.services.nova.steps[0].argv[1]: 'a\\tb' contains a control character")]
    [InlineData("services:\n  nova: {}\n  nova: {}\n", "a key is given twice at line")]
    [InlineData("services:\n  nova: [unclosed\n", "not valid YAML at line")]
    [InlineData("services:\n  nova:\n    extra: 1\n", "$.services.nova.extra: unknown property 'extra'")]
    [InlineData("---\nservices: {}\n---\nservices: {}\n", "expected exactly one YAML document, found 2")]
    [InlineData("services:\n  nova:\n    config_file: ~\n", "$.services.nova.config_file: expected a string, found null")]
    public void A_bad_yaml_overlay_is_refused_with_file_and_path(string text, string expected)
    {
        var e = Assert.Throws<InvalidRequestException>(() => ServiceCatalog.Default.WithOverlay(text, "site.yml"));

        Assert.StartsWith($"site.yml: {expected}", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n")]
    public void An_empty_overlay_is_refused(string text)
    {
        var e = Assert.Throws<InvalidRequestException>(() => ServiceCatalog.Default.WithOverlay(text, "empty.yml"));

        Assert.Equal("empty.yml: the catalog file is empty", e.Message);
    }

    [Fact]
    public void A_huge_overlay_is_refused_before_parsing()
    {
        var text = "services:\n" + new string('#', 2 * 1024 * 1024);

        var e = Assert.Throws<InvalidRequestException>(() => ServiceCatalog.Default.WithOverlay(text, "big.yml"));

        Assert.Equal("big.yml: the catalog file is larger than 1024 KiB", e.Message);
    }

    [Fact]
    public void A_yaml_alias_bomb_is_refused()
    {
        var text = new System.Text.StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 9; i++)
        {
            text.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        }

        text.Append("services: {}\n");

        var e = Assert.Throws<InvalidRequestException>(() => ServiceCatalog.Default.WithOverlay(text.ToString(), "bomb.yml"));

        Assert.Contains("more than 100000 values (repeated YAML aliases?)", e.Message);
    }

    [Fact]
    public void A_valid_empty_overlay_changes_nothing()
    {
        var catalog = ServiceCatalog.Default.WithOverlay("services: {}", "none.yml");

        Assert.Equal(ServiceCatalog.Default.Services, catalog.Services);
    }
}
