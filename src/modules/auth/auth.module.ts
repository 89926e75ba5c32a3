import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AdminController } from './admin.controller';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { Department } from './entities/department.entity';
import { LoginThrottle } from './entities/login-throttle.entity';
import { RecoveryCode } from './entities/recovery-code.entity';
import { SecuritySetting } from './entities/security-setting.entity';
import { Session } from './entities/session.entity';
import { User } from './entities/user.entity';
import { JwtAuthGuard } from './jwt-auth.guard';
import { JwtStrategy } from './jwt.strategy';
import { LoginThrottleService } from './login-throttle.service';
import { SecurityPolicyService } from './security-policy.service';
import { SessionsService } from './sessions.service';
import { TwoFactorService } from './two-factor.service';

@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([
      Department,
      User,
      Session,
      LoginThrottle,
      RecoveryCode,
      SecuritySetting,
    ]),
    PassportModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: config.jwt.secret,
        signOptions: { expiresIn: config.jwt.expiresIn as `${number}h` },
      }),
    }),
  ],
  controllers: [AuthController, AdminController],
  providers: [
    AuthService,
    JwtStrategy,
    LoginThrottleService,
    SessionsService,
    TwoFactorService,
    SecurityPolicyService,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
  ],
  exports: [AuthService, SessionsService, SecurityPolicyService],
})
export class AuthModule {}
