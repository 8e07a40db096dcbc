using System.Globalization;
using CsvHelper;
using MiniExcelLibs;
using PeerFlow.Domain.Schemes;
using PeerFlow.Web.Actions;

namespace PeerFlow.Web.Pages.Reports;

/// <summary>
/// The month's report as files for commissioners: one CSV with a line per figure, and an Excel workbook with a sheet
/// per table and a row per scheme and figure. Both are drawn from <see cref="ReportTables"/>, as the page is.
/// </summary>
public static class ReportExport
{
    public const string CsvType = "text/csv";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>One line of the CSV: a figure of a table of a scheme.</summary>
    public sealed record CsvLine(string Month, string SchemeId, string Scheme, string Table, string Row, string Column, string Value);

    public static IEnumerable<CsvLine> Lines(EvaluationReport report, IReadOnlyList<Scheme> schemes) =>
        from section in Sections(report, schemes)
        from table in section.Tables
        from row in table.Rows
        from value in row.Values.Select((v, i) => (Text: v, Column: table.Columns[i + 1]))
        select new CsvLine(Evaluation.Key(report.Month), section.Id, section.Name, table.Caption, row.Label, value.Column, value.Text == "—" ? "" : value.Text);

    /// <summary>The page's sections in its order: the all-schemes totals where shown, then each scheme.</summary>
    private static IEnumerable<(string Id, string Name, IReadOnlyList<ReportTable> Tables)> Sections(EvaluationReport report, IReadOnlyList<Scheme> schemes)
    {
        if (report.Totals is { } totals)
        {
            yield return (ReportTables.AllSchemesId, ReportTables.AllSchemesName, ReportTables.Totals(totals, report.Month, !report.SoFar));
        }

        foreach (var s in report.Schemes)
        {
            yield return (s.SchemeId, s.SchemeName, ReportTables.For(s, schemes.FirstOrDefault(x => x.Id == s.SchemeId)));
        }
    }

    public static async Task<byte[]> CsvAsync(EvaluationReport report, IReadOnlyList<Scheme> schemes)
    {
        using var buffer = new MemoryStream();
        // A scheme's own reason labels reach the file: one starting "=" must not run as a formula in Excel.
        await using (var csv = CsvWriter.Create(buffer, new CsvWriterOptions { Injection = CsvInjection.Escape, WriteByteOrderMark = true }, true))
        {
            csv.WriteHeader(Header);
            foreach (var line in Lines(report, schemes))
            {
                csv.WriteRecord([line.Month, line.SchemeId, line.Scheme, line.Table, line.Row, line.Column, line.Value]);
            }
        }

        return buffer.ToArray();
    }

    private static readonly string[] Header = ["month", "scheme_id", "scheme", "table", "row", "column", "value"];

    public static async Task<byte[]> XlsxAsync(EvaluationReport report, IReadOnlyList<Scheme> schemes)
    {
        var sheets = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var section in Sections(report, schemes))
        {
            foreach (var table in section.Tables)
            {
                if (!sheets.TryGetValue(table.Sheet, out var rows))
                {
                    sheets[table.Sheet] = rows = new List<Dictionary<string, object?>>();
                }

                foreach (var row in table.Rows)
                {
                    var cells = new Dictionary<string, object?> { ["Scheme"] = section.Name, [table.Columns[0]] = row.Label };
                    for (var i = 0; i < row.Values.Count; i++)
                    {
                        cells[table.Columns[i + 1]] = Cell(row.Values[i]);
                    }

                    ((List<Dictionary<string, object?>>)rows).Add(cells);
                }
            }
        }

        using var buffer = new MemoryStream();
        await buffer.SaveAsAsync(sheets, excelType: ExcelType.XLSX);
        return buffer.ToArray();
    }

    /// <summary>Numbers as numbers, so a commissioner can sum them; "—" (nothing measured) as an empty cell.</summary>
    private static object? Cell(string text) =>
        text == "—" ? null
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var whole) ? whole
        : decimal.TryParse(text.Replace('\u2212', '-'), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var fraction) ? fraction
        : text;
}
