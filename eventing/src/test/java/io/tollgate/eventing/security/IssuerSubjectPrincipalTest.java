package io.tollgate.eventing.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

class IssuerSubjectPrincipalTest {

    private final IssuerSubjectPrincipal augmentor = new IssuerSubjectPrincipal();

    @Test
    void oneSubjectFromTwoIssuersIsTwoPrincipals() {
        // given
        SecurityIdentity first = identity("https://idp-a.example", "erp-7", "erp-7@example");
        SecurityIdentity second = identity("https://idp-b.example", "erp-7", "erp-7@example");

        // when
        SecurityIdentity a = augmentor.augment(first, null).await().indefinitely();
        SecurityIdentity b = augmentor.augment(second, null).await().indefinitely();

        // then
        assertThat(a.getPrincipal().getName()).isEqualTo("https://idp-a.example#erp-7");
        assertThat(b.getPrincipal().getName()).isEqualTo("https://idp-b.example#erp-7");
        assertThat(a.getRoles()).containsExactly("erp");
        assertThat(((JsonWebToken) a.getPrincipal()).getGroups()).containsExactly("erp");
    }

    @Test
    void tokensThatCannotBePinnedAreRefused() {
        assertThatThrownBy(() -> augmentor.augment(identity(null, "erp-7", null), null).await().indefinitely())
                .isInstanceOf(AuthenticationFailedException.class).hasMessageContaining("issuer");
        assertThatThrownBy(() -> augmentor.augment(identity("https://idp.example", null, "x"), null)
                .await().indefinitely()).isInstanceOf(AuthenticationFailedException.class);
        assertThatThrownBy(() -> augmentor.augment(identity("https://idp.example#a", "b", null), null)
                .await().indefinitely()).isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("'#'");
        String longSubject = "s".repeat(IssuerSubjectPrincipal.NAME_CHARS_MAX);
        assertThatThrownBy(() -> augmentor.augment(identity("https://idp.example", longSubject, null), null)
                .await().indefinitely()).isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining(String.valueOf(IssuerSubjectPrincipal.NAME_CHARS_MAX));
    }

    @Test
    void aBasicUserKeepsItsName() {
        SecurityIdentity basic = QuarkusSecurityIdentity.builder()
                .setPrincipal(new io.quarkus.security.runtime.QuarkusPrincipal("erp")).addRole("erp").build();

        assertThat(augmentor.augment(basic, null).await().indefinitely().getPrincipal().getName()).isEqualTo("erp");
    }

    private static SecurityIdentity identity(String issuer, String subject, String upn) {
        JwtClaims claims = new JwtClaims();
        if (issuer != null) {
            claims.setIssuer(issuer);
        }
        if (subject != null) {
            claims.setSubject(subject);
        }
        if (upn != null) {
            claims.setClaim("upn", upn);
        }
        claims.setStringListClaim("groups", List.of("erp"));
        DefaultJWTCallerPrincipal token = new DefaultJWTCallerPrincipal("raw", "JWT", claims);
        return QuarkusSecurityIdentity.builder().setPrincipal(token).addRole("erp").build();
    }
}
