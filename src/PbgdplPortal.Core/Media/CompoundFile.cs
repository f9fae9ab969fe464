using System.Buffers.Binary;
using System.Text;

namespace PbgdplPortal.Media;

/// <summary>
/// Reads the directory of an OLE2 compound file, the container of .doc, .xls and .ppt (and of .msi installers,
/// which is why the magic number alone is not enough).
/// </summary>
internal static class CompoundFile
{
    public static ReadOnlySpan<byte> Signature => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    private const uint EndOfChain = 0xFFFFFFFE;
    private const uint MaxRegularSector = 0xFFFFFFFA;
    private const int HeaderDifatEntries = 109;
    private const int DirectoryEntrySize = 128;

    /// <summary>Names of the storages and streams in the file, or null when its structure is broken.</summary>
    public static IReadOnlyList<string>? EntryNames(ReadOnlySpan<byte> data)
    {
        if (data.Length < 512 || !data.StartsWith(Signature) || BinaryPrimitives.ReadUInt16LittleEndian(data[28..]) != 0xFFFE)
        {
            return null;
        }
        var sectorShift = BinaryPrimitives.ReadUInt16LittleEndian(data[30..]);
        if (sectorShift is not (9 or 12))
        {
            return null;
        }
        var sectorSize = 1 << sectorShift;
        var sectorCount = (data.Length / sectorSize) - 1;
        var fatSectorCount = BinaryPrimitives.ReadUInt32LittleEndian(data[44..]);
        var firstDirectorySector = BinaryPrimitives.ReadUInt32LittleEndian(data[48..]);
        if (fatSectorCount > (uint)sectorCount)
        {
            return null;
        }

        var fatSectors = FatSectors(data, sectorSize, sectorCount, (int)fatSectorCount);
        if (fatSectors is null)
        {
            return null;
        }

        var names = new List<string>();
        var sector = firstDirectorySector;
        // A chain can be made to loop; no honest chain is longer than the file.
        for (var steps = 0; sector != EndOfChain; steps++)
        {
            if (sector > MaxRegularSector || sector >= (uint)sectorCount || steps > sectorCount)
            {
                return null;
            }
            var directory = data.Slice((int)(sector + 1) * sectorSize, sectorSize);
            for (var offset = 0; offset + DirectoryEntrySize <= sectorSize; offset += DirectoryEntrySize)
            {
                var entry = directory.Slice(offset, DirectoryEntrySize);
                var nameBytes = BinaryPrimitives.ReadUInt16LittleEndian(entry[64..]);
                var type = entry[66];
                if (type is 1 or 2 or 5 && nameBytes is >= 2 and <= 64 && nameBytes % 2 == 0)
                {
                    names.Add(Encoding.Unicode.GetString(entry[..(nameBytes - 2)]));
                }
            }
            var next = NextSector(data, fatSectors, sectorSize, sector);
            if (next is null)
            {
                return null;
            }
            sector = next.Value;
        }
        return names;
    }

    /// <summary>The sectors holding the allocation table: the first 109 are listed in the header, the rest in a chain of DIFAT sectors.</summary>
    private static List<uint>? FatSectors(ReadOnlySpan<byte> data, int sectorSize, int sectorCount, int count)
    {
        var result = new List<uint>(count);
        for (var i = 0; i < Math.Min(count, HeaderDifatEntries); i++)
        {
            result.Add(BinaryPrimitives.ReadUInt32LittleEndian(data[(76 + (i * 4))..]));
        }
        var difat = BinaryPrimitives.ReadUInt32LittleEndian(data[68..]);
        var perSector = (sectorSize / 4) - 1;
        for (var steps = 0; result.Count < count; steps++)
        {
            if (difat >= (uint)sectorCount || steps > sectorCount)
            {
                return null;
            }
            var sector = data.Slice((int)(difat + 1) * sectorSize, sectorSize);
            for (var i = 0; i < perSector && result.Count < count; i++)
            {
                result.Add(BinaryPrimitives.ReadUInt32LittleEndian(sector[(i * 4)..]));
            }
            difat = BinaryPrimitives.ReadUInt32LittleEndian(sector[(perSector * 4)..]);
        }
        return result.All(s => s < (uint)sectorCount) ? result : null;
    }

    private static uint? NextSector(ReadOnlySpan<byte> data, List<uint> fatSectors, int sectorSize, uint sector)
    {
        var perSector = (uint)sectorSize / 4;
        var index = (int)(sector / perSector);
        if (index >= fatSectors.Count)
        {
            return null;
        }
        var fatSector = data.Slice((int)(fatSectors[index] + 1) * sectorSize, sectorSize);
        return BinaryPrimitives.ReadUInt32LittleEndian(fatSector[(int)(sector % perSector * 4)..]);
    }
}
