namespace Leapfrog.Report.Rendering;

/// <summary>The page's inline style sheet.</summary>
internal static partial class Html
{
    private const string Style = """
        body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#212121;max-width:1300px}
        h1{font-size:22px;margin:0 0 8px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #ddd}h3{font-size:15px;margin:16px 0 6px}h4{margin:10px 0 4px}
        .status{padding:10px 14px;border-radius:4px;font-weight:600}
        .status.finished{background:#e8f5e9;border-left:6px solid #2e7d32}.status.failed{background:#ffebee;border-left:6px solid #c62828}
        .status.running{background:#e3f2fd;border-left:6px solid #1565c0}.status.incomplete{background:#fff8e1;border-left:6px solid #ef6c00}
        .facts{color:#555}table{border-collapse:collapse;margin:6px 0 12px}td,th{border:1px solid #ddd;padding:3px 8px;vertical-align:top;text-align:left}
        th{background:#f5f5f5}code,pre{font:12px ui-monospace,monospace}pre{white-space:pre-wrap;max-width:700px;max-height:240px;overflow:auto;background:#fafafa}
        .outcome{border-left:4px solid;padding-left:4px}.msg{color:#b71c1c}.swatch{display:inline-block;width:14px;height:10px;margin-right:6px}
        .chart{overflow-x:auto}svg text{font:12px system-ui,sans-serif;fill:#333}svg .tick{fill:#777;font-size:11px}
        """;
}
