using Leapfrog.Core;

namespace Leapfrog.Report;

/// <summary>A report that cannot be made: bad parameters or an output directory that cannot be written.</summary>
internal sealed class ReportException(string message) : LeapfrogException(message);
