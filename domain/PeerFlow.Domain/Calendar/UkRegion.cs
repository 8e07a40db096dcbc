namespace PeerFlow.Domain.Calendar;

/// <summary>The bank-holiday calendars of the UK; a scheme counts its deadlines on one of them.</summary>
public enum UkRegion
{
    EnglandAndWales,
    Scotland,
    NorthernIreland,
}
