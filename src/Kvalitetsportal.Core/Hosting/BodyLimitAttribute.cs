using Microsoft.AspNetCore.Http.Metadata;

namespace Kvalitetsportal.Hosting;

/// <summary>
/// The largest body (and multipart form) an endpoint takes, as routing metadata: the routing
/// middleware applies it before anything reads the body, and <see cref="RequestGuards"/> refuses a
/// declared Content-Length over it with 413 without reading a byte. Unlike MVC's
/// <c>[RequestSizeLimit]</c>/<c>[RequestFormLimits]</c> it adds no filter that would warn when a
/// filter has already read the form.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class BodyLimitAttribute(long bytes) : Attribute, IRequestSizeLimitMetadata, IFormOptionsMetadata
{
    public long Bytes { get; } = bytes;

    long? IRequestSizeLimitMetadata.MaxRequestBodySize => Bytes;

    long? IFormOptionsMetadata.MultipartBodyLengthLimit => Bytes;

    bool? IFormOptionsMetadata.BufferBody => null;

    int? IFormOptionsMetadata.MemoryBufferThreshold => null;

    long? IFormOptionsMetadata.BufferBodyLengthLimit => null;

    int? IFormOptionsMetadata.ValueCountLimit => null;

    int? IFormOptionsMetadata.KeyLengthLimit => null;

    int? IFormOptionsMetadata.ValueLengthLimit => null;

    int? IFormOptionsMetadata.MultipartBoundaryLengthLimit => null;

    int? IFormOptionsMetadata.MultipartHeadersCountLimit => null;

    int? IFormOptionsMetadata.MultipartHeadersLengthLimit => null;
}
