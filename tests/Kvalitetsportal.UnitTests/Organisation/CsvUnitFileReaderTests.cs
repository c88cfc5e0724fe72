using System.Text;
using Kvalitetsportal.Organisation.UnitImport;
using Kvalitetsportal.Organisation.Units;

namespace Kvalitetsportal.UnitTests.Organisation;

/// <summary>Reading organisation files as Excel writes them: encodings, separators, broken and non-CSV files.</summary>
public sealed class CsvUnitFileReaderTests
{
    static CsvUnitFileReaderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static byte[] Utf8WithBom(string text) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)];

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Windows1252(string text) => Encoding.GetEncoding(1252).GetBytes(text);

    private static CsvUnitFile ReadOk(byte[] bytes)
    {
        var file = CsvUnitFileReader.Read(bytes);
        Assert.True(file.IsValid, file.Error);
        return file;
    }

    [Fact]
    public void Utf8_with_bom_and_semicolons_keeps_swedish_letters()
    {
        var file = ReadOk(Utf8WithBom("Kod;Namn;Typ;Överordnad\r\nFVO-SÄBO;Särskilt boende Solrosen;Enhet;FVO\r\n"));

        var row = Assert.Single(file.Rows);
        Assert.Equal(new UnitImportRow(2, "FVO-SÄBO", "Särskilt boende Solrosen", "Enhet", "FVO"), row);
        Assert.Equal("UTF-8", file.EncodingName);
        Assert.Equal(';', file.Separator);
    }

    [Fact]
    public void Utf8_without_bom_and_commas_is_read()
    {
        var file = ReadOk(Utf8("Kod,Namn,Typ,Överordnad\nFSB-MILJÖ,Miljö och hälsa,Enhet,FSB\nFSB,Förvaltningen stadsbyggnad,Förvaltning,\n"));

        Assert.Equal(',', file.Separator);
        Assert.Equal("UTF-8", file.EncodingName);
        Assert.Equal(["FSB-MILJÖ", "FSB"], file.Rows.Select(r => r.Code));
        Assert.Equal("Miljö och hälsa", file.Rows[0].Name);
        Assert.Equal("", file.Rows[1].Parent);
    }

    [Fact]
    public void Windows_1252_from_swedish_excel_is_recognised()
    {
        var file = ReadOk(Windows1252("Kod;Namn;Typ;Överordnad\r\nFÖR-ÅÄÖ;Förskoleområde Åby;Förvaltning;KS\r\n"));

        Assert.StartsWith("Windows-1252", file.EncodingName, StringComparison.Ordinal);
        var row = Assert.Single(file.Rows);
        Assert.Equal("FÖR-ÅÄÖ", row.Code);
        Assert.Equal("Förskoleområde Åby", row.Name);
        Assert.Equal("Förvaltning", row.Type);
    }

    [Fact]
    public void Utf16_tab_separated_unicode_text_is_read()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("Kod\tNamn\tTyp\tÖverordnad\r\nKS\tKommunstyrelsen\tStyrelse\tKF\r\n")).ToArray();

        var file = ReadOk(bytes);

        Assert.Equal('\t', file.Separator);
        Assert.Equal("Kommunstyrelsen", Assert.Single(file.Rows).Name);
    }

    [Fact]
    public void Excel_sep_line_chooses_the_separator_and_line_numbers_still_match_the_file()
    {
        var file = ReadOk(Utf8("sep=,\r\nKod,Namn,Typ,Överordnad\r\nKS,\"Styrelse; kommunens\",Styrelse,KF\r\n"));

        Assert.Equal(',', file.Separator);
        var row = Assert.Single(file.Rows);
        Assert.Equal(3, row.LineNumber);
        Assert.Equal("Styrelse; kommunens", row.Name);
    }

    [Fact]
    public void Quoted_values_may_hold_the_separator_and_doubled_quotes()
    {
        var file = ReadOk(Utf8("Kod;Namn;Typ;Överordnad\n\"KLF-KC\";\"Kontaktcenter; \"\"Direkten\"\"\";Enhet;KLF\n"));

        var row = Assert.Single(file.Rows);
        Assert.Equal("KLF-KC", row.Code);
        Assert.Equal("Kontaktcenter; \"Direkten\"", row.Name);
        Assert.Null(row.FormatProblem);
    }

    [Fact]
    public void Columns_may_come_in_any_order_with_any_case_and_extra_columns_are_ignored()
    {
        var file = ReadOk(Utf8("namn;OVERORDNAD;Kommentar;TYP;kod\nHemtjänst norr;FVO;ny 2025;Enhet;FVO-HEM-N\n"));

        Assert.Equal(new UnitImportRow(2, "FVO-HEM-N", "Hemtjänst norr", "Enhet", "FVO"), Assert.Single(file.Rows));
    }

    [Fact]
    public void Line_numbers_count_blank_lines_and_empty_excel_rows_are_skipped()
    {
        var file = ReadOk(Utf8("Kod;Namn;Typ;Överordnad\n\nA;Första;Enhet;KS\n;;;\nB;\"Två\nrader\";Enhet;KS\nC;Tredje;Enhet;KS\n;;;\n"));

        Assert.Equal([3, 5, 7], file.Rows.Select(r => r.LineNumber));
        Assert.Equal(["A", "B", "C"], file.Rows.Select(r => r.Code));
    }

    [Fact]
    public void Short_rows_get_empty_values()
    {
        var file = ReadOk(Utf8("Kod;Namn;Typ;Överordnad\nKS;Kommunstyrelsen\n"));

        Assert.Equal(new UnitImportRow(2, "KS", "Kommunstyrelsen", "", ""), Assert.Single(file.Rows));
    }

    [Fact]
    public void A_stray_quote_marks_the_row_and_the_validator_rejects_it()
    {
        var file = ReadOk(Utf8("Kod;Namn;Typ;Överordnad\nA;Bra rad;Enhet;\nB;Halv \"rad;Enhet;\nC;\"Citat\"efter;Enhet;\n"));

        Assert.Null(file.Rows[0].FormatProblem);
        Assert.Contains("citattecken", file.Rows[1].FormatProblem, StringComparison.Ordinal);
        Assert.Contains("citattecken", file.Rows[2].FormatProblem, StringComparison.Ordinal);

        var plan = UnitImportValidator.Validate(file.Rows, []);
        Assert.Equal(["A"], plan.Accepted.Select(a => a.Code));
        Assert.Equal([3, 4], plan.Rejected.Select(r => r.Row.LineNumber));
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF })]
    [InlineData(new byte[] { 0x20, 0x0D, 0x0A, 0x0D, 0x0A })]
    public void Empty_files_are_refused(byte[] bytes)
    {
        var file = CsvUnitFileReader.Read(bytes);

        Assert.False(file.IsValid);
        Assert.Equal("Filen är tom.", file.Error);
    }

    [Fact]
    public void Binary_files_are_refused_as_not_csv()
    {
        var bytes = new byte[4096];
        new Random(42).NextBytes(bytes);
        bytes[10] = 0;

        var file = CsvUnitFileReader.Read(bytes);

        Assert.False(file.IsValid);
        Assert.Contains("inte ut att vara en CSV-fil", file.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Excel_workbooks_are_refused_with_advice_to_save_as_csv()
    {
        byte[] xlsx = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, .. Encoding.ASCII.GetBytes("[Content_Types].xml")];

        var file = CsvUnitFileReader.Read(xlsx);

        Assert.False(file.IsValid);
        Assert.Contains("Excel-arbetsbok", file.Error, StringComparison.Ordinal);
        Assert.Contains("Spara som", file.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_without_header_row_is_refused_and_names_the_missing_columns()
    {
        var file = CsvUnitFileReader.Read(Utf8("KS;Kommunstyrelsen;Styrelse;KF\nKLF;Kommunledningsförvaltningen;Förvaltning;KS\n"));

        Assert.False(file.IsValid);
        Assert.Contains("rubrikrad", file.Error, StringComparison.Ordinal);
        Assert.Contains("Kod, Namn, Typ, Överordnad", file.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_missing_one_column_names_that_column()
    {
        var file = CsvUnitFileReader.Read(Utf8("Kod;Namn;Typ\nKS;Kommunstyrelsen;Styrelse\n"));

        Assert.False(file.IsValid);
        Assert.EndsWith("Det saknas: Överordnad.", file.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_without_rows_is_refused()
    {
        var file = CsvUnitFileReader.Read(Utf8WithBom("Kod;Namn;Typ;Överordnad\r\n;;;\r\n"));

        Assert.False(file.IsValid);
        Assert.Equal("Filen har en rubrikrad men inga enheter.", file.Error);
    }

    [Fact]
    public async Task Files_over_2_MB_are_refused_without_reading_them_all()
    {
        var line = Utf8("X;" + new string('n', 100) + ";Enhet;\n");
        var big = new MemoryStream();
        big.Write(Utf8("Kod;Namn;Typ;Överordnad\n"));
        while (big.Length <= CsvUnitFileReader.MaxBytes)
        {
            big.Write(line);
        }

        var fromBytes = CsvUnitFileReader.Read(big.ToArray());
        big.Position = 0;
        var fromStream = await CsvUnitFileReader.ReadAsync(big);

        Assert.Contains("större än 2 MB", fromBytes.Error, StringComparison.Ordinal);
        Assert.Contains("större än 2 MB", fromStream.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_just_under_the_limit_is_read()
    {
        var text = new StringBuilder("Kod;Namn;Typ;Överordnad\n");
        var i = 0;
        while (text.Length < CsvUnitFileReader.MaxBytes - 100)
        {
            text.Append('E').Append(i++).Append(";Enhet nummer ").Append(i).Append(";Enhet;KS\n");
        }

        var file = await CsvUnitFileReader.ReadAsync(new MemoryStream(Utf8(text.ToString())));

        Assert.True(file.IsValid, file.Error);
        Assert.Equal(i, file.Rows.Count);
    }
}
