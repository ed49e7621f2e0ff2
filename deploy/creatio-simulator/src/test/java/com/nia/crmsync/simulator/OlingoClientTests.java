package com.nia.crmsync.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URL;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.olingo.client.api.ODataClient;
import org.apache.olingo.client.api.communication.ODataClientErrorException;
import org.apache.olingo.client.api.communication.request.ODataRequest;
import org.apache.olingo.client.api.communication.request.cud.ODataDeleteRequest;
import org.apache.olingo.client.api.communication.request.cud.ODataEntityCreateRequest;
import org.apache.olingo.client.api.communication.request.cud.ODataEntityUpdateRequest;
import org.apache.olingo.client.api.communication.request.cud.UpdateType;
import org.apache.olingo.client.api.communication.request.retrieve.EdmMetadataRequest;
import org.apache.olingo.client.api.communication.request.retrieve.ODataEntityRequest;
import org.apache.olingo.client.api.communication.request.retrieve.ODataEntitySetRequest;
import org.apache.olingo.client.api.communication.response.ODataDeleteResponse;
import org.apache.olingo.client.api.communication.response.ODataEntityCreateResponse;
import org.apache.olingo.client.api.communication.response.ODataEntityUpdateResponse;
import org.apache.olingo.client.api.domain.ClientEntity;
import org.apache.olingo.client.api.domain.ClientEntitySet;
import org.apache.olingo.client.core.ODataClientFactory;
import org.apache.olingo.commons.api.edm.Edm;
import org.apache.olingo.commons.api.edm.EdmEntitySet;
import org.apache.olingo.commons.api.edm.FullQualifiedName;
import org.apache.olingo.commons.api.format.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The acceptance check by a client nobody here wrote: Apache Olingo's OData 4 client loads
 * {@code $metadata}, reads, filters, pages, creates, updates and deletes through the simulator.
 */
@QuarkusTest
class OlingoClientTests {

    private static final String NAMESPACE = "Terrasoft.Configuration.OData";

    @TestHTTPResource("/0/odata")
    URL root;

    private ODataClient client;
    private String token;

    @BeforeEach
    void setUp() {
        Sim.reset();
        Sim.seed(30, 5, 3, 5);
        token = Sim.token();
        client = ODataClientFactory.getClient();
        client.getConfiguration().setDefaultPubFormat(ContentType.JSON);
    }

    private <T extends ODataRequest> T authorised(T request) {
        request.addCustomHeader("Authorization", "Bearer " + token);
        return request;
    }

    private String serviceRoot() {
        return root.toString();
    }

    @Test
    void loadsTheMetadataAsAnEntityDataModel() {
        EdmMetadataRequest request = authorised(client.getRetrieveRequestFactory().getMetadataRequest(serviceRoot()));

        Edm edm = request.execute().getBody();

        EdmEntitySet leads = edm.getEntityContainer().getEntitySet("Lead");
        assertThat(leads).isNotNull();
        assertThat(leads.getEntityType().getPropertyNames()).contains("Id", "LeadName", "QualifyStatusId",
                "ModifiedOn", "Budget");
        assertThat(leads.getEntityType().getNavigationPropertyNames()).contains("QualifyStatus", "Owner");
        assertThat(leads.getEntityType().getKeyPredicateNames()).containsExactly("Id");
        assertThat(edm.getEntityContainer().getEntitySets()).extracting(EdmEntitySet::getName)
                .contains("Contact", "Account", "Activity", "ActivityParticipant", "ActivityStatus");
    }

    @Test
    void readsFiltersAndPagesACollection() {
        List<String> firstPage = page(0);
        List<String> secondPage = page(10);

        assertThat(firstPage).hasSize(10);
        assertThat(secondPage).hasSize(10).doesNotContainAnyElementsOf(firstPage);

        URI filtered = client.newURIBuilder(serviceRoot()).appendEntitySetSegment("Lead")
                .filter("QualifyStatus/Id eq d790a45d-03ff-4ddb-9dea-8087722c582c and contains(Email,'@')")
                .select("Id", "Email", "QualifyStatusId").build();
        ClientEntitySet set = authorised(client.getRetrieveRequestFactory().getEntitySetRequest(filtered))
                .execute().getBody();
        assertThat(set.getEntities()).isNotEmpty().allSatisfy(entity ->
                assertThat(entity.getProperty("QualifyStatusId").getPrimitiveValue().toString())
                        .isEqualTo("d790a45d-03ff-4ddb-9dea-8087722c582c"));
    }

    private List<String> page(int skip) {
        URI uri = client.newURIBuilder(serviceRoot()).appendEntitySetSegment("Lead")
                .orderBy("ModifiedOn asc,Id asc").top(10).skip(skip).build();
        ODataEntitySetRequest<ClientEntitySet> request =
                authorised(client.getRetrieveRequestFactory().getEntitySetRequest(uri));
        return request.execute().getBody().getEntities().stream()
                .map(entity -> entity.getProperty("Id").getPrimitiveValue().toString())
                .collect(Collectors.toList());
    }

    @Test
    void createsUpdatesAndDeletesALead() throws Exception {
        URI leads = client.newURIBuilder(serviceRoot()).appendEntitySetSegment("Lead").build();
        ClientEntity lead = client.getObjectFactory().newEntity(new FullQualifiedName(NAMESPACE, "Lead"));
        lead.getProperties().add(client.getObjectFactory().newPrimitiveProperty("LeadName",
                client.getObjectFactory().newPrimitiveValueBuilder().buildString("Olingo Lead")));
        lead.getProperties().add(client.getObjectFactory().newPrimitiveProperty("Email",
                client.getObjectFactory().newPrimitiveValueBuilder().buildString("olingo@example.org")));

        ODataEntityCreateRequest<ClientEntity> create =
                authorised(client.getCUDRequestFactory().getEntityCreateRequest(leads, lead));
        ODataEntityCreateResponse<ClientEntity> created = create.execute();
        assertThat(created.getStatusCode()).isEqualTo(201);
        String id = created.getBody().getProperty("Id").getPrimitiveValue().toString();
        assertThat(created.getBody().getProperty("QualifyStatusId").getPrimitiveValue().toString())
                .isEqualTo("d790a45d-03ff-4ddb-9dea-8087722c582c");

        URI one = client.newURIBuilder(serviceRoot()).appendEntitySetSegment("Lead")
                .appendKeySegment(java.util.UUID.fromString(id)).build();
        ClientEntity change = client.getObjectFactory().newEntity(new FullQualifiedName(NAMESPACE, "Lead"));
        change.getProperties().add(client.getObjectFactory().newPrimitiveProperty("Email",
                client.getObjectFactory().newPrimitiveValueBuilder().buildString("changed@example.org")));
        ODataEntityUpdateRequest<ClientEntity> update =
                authorised(client.getCUDRequestFactory().getEntityUpdateRequest(one, UpdateType.PATCH, change));
        ODataEntityUpdateResponse<ClientEntity> updated = update.execute();
        assertThat(updated.getStatusCode()).isEqualTo(204);

        ODataEntityRequest<ClientEntity> read = authorised(client.getRetrieveRequestFactory().getEntityRequest(one));
        ClientEntity reread = read.execute().getBody();
        assertThat(reread.getProperty("Email").getPrimitiveValue().toString()).isEqualTo("changed@example.org");
        assertThat(reread.getProperty("LeadName").getPrimitiveValue().toString()).isEqualTo("Olingo Lead");

        ODataDeleteRequest delete = authorised(client.getCUDRequestFactory().getDeleteRequest(one));
        ODataDeleteResponse deleted = delete.execute();
        assertThat(deleted.getStatusCode()).isEqualTo(204);
        assertThatThrownBy(() -> authorised(client.getRetrieveRequestFactory().getEntityRequest(one)).execute())
                .isInstanceOf(ODataClientErrorException.class)
                .satisfies(e -> assertThat(((ODataClientErrorException) e).getStatusLine().getStatusCode())
                        .isEqualTo(404));
    }
}
