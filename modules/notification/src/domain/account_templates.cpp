#include "domain/account_templates.hpp"

namespace agora::notification {

const Template kEmailVerificationEmailEn{"Confirm your email address for {{shop}}",
                                         R"(Hello {{name}},

please confirm that this is your email address by opening this link:
{{link}}

The link works until {{expires_at}}. If you did not make an account at {{shop}}, ignore this email.
{{shop}}
)",
                                         R"(<!DOCTYPE html>
<html><body>
<p>Hello {{name}},</p>
<p>please confirm that this is your email address:</p>
<p><a href="{{link}}">Confirm my email address</a></p>
<p>The link works until {{expires_at}}. If you did not make an account at {{shop}}, ignore this email.</p>
<p>{{shop}}</p>
</body></html>
)"};

const Template kPasswordResetEmailEn{"Reset your {{shop}} password",
                                     R"(Hello {{name}},

someone asked to reset the password of your {{shop}} account. To choose a new one, open this link:
{{link}}

The link works once, until {{expires_at}}. If it was not you, ignore this email: your password stays as it is.
{{shop}}
)",
                                     R"(<!DOCTYPE html>
<html><body>
<p>Hello {{name}},</p>
<p>someone asked to reset the password of your {{shop}} account.</p>
<p><a href="{{link}}">Choose a new password</a></p>
<p>The link works once, until {{expires_at}}. If it was not you, ignore this email: your password stays as it is.</p>
<p>{{shop}}</p>
</body></html>
)"};

}  // namespace agora::notification
