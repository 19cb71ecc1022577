package gridmap.server.cases;

import gridmap.data.cases.CaseIntake;
import gridmap.server.auth.Principal;
import gridmap.server.http.ApiException;
import gridmap.server.http.Text;

/** The case checks other intake routes (Open311) share with the case API. */
public final class CaseRequestsPublic {
    private CaseRequestsPublic() {}

    public static CaseIntake.NewCase newCase(String categoryCode, String description, double lon, double lat, String address,
                                             Principal who, String reporterName, String reporterPhone, String contact, String mediaUrl) {
        if (categoryCode == null || !categoryCode.matches("\\d{4}")) throw ApiException.badRequest("service_code must be one of GET services.json");
        CaseRequests.point(lon, lat);
        String d = Text.free("description", description, CaseRequests.MAX_DESCRIPTION);
        return new CaseIntake.NewCase(categoryCode, d, address, who.token() ? "citizen" : "hotline", "normal", lon, lat,
                CaseRequests.reporter(reporterName, reporterPhone, contact), java.util.List.of(), mediaUrl);
    }
}
